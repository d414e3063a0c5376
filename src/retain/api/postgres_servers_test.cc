// Two `retain serve` processes' worth of servers on one PostgreSQL database
// must answer as one: what one writes the other reads at once, idempotency
// keys and API keys hold across both, and concurrent writers lose nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "retain/api/server.h"
#include "retain/app/api_keys.h"
#include "retain/storage/open_store.h"
#include "retain/storage/postgres/test_database.h"

namespace retain::api {
namespace {

using nlohmann::json;

struct Running {
  std::unique_ptr<ApiServer> server;
  std::thread thread;
  int port = 0;
};

class TwoServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    url_ = storage::postgres::CreateTestDatabase(&skip);
    if (url_.empty() && skip.rfind("SKIPPED", 0) == 0) GTEST_SKIP() << skip;
    ASSERT_FALSE(url_.empty()) << skip;
    auto store = storage::OpenStore(url_, storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    ASSERT_TRUE((*store)->BeginWrite().ok());
    for (int i = 1; i <= 5; ++i) {
      model::Customer c;
      c.external_id = "C" + std::to_string(i);
      c.last_name = "Kunde" + std::to_string(i);
      ASSERT_TRUE((*store)->UpsertCustomer(c).has_value());
      model::Order o;
      o.external_id = "S" + std::to_string(i);
      o.customer_external_id = c.external_id;
      o.ordered_at.day = core::DayFromCivil(2025, 1, i);
      o.total_minor = 1000 * i;
      ASSERT_TRUE((*store)->UpsertOrder(o).has_value());
    }
    ASSERT_TRUE((*store)->Commit().ok());
    auto admin = app::CreateApiKey(**store, app::Role::kAdmin, "test");
    ASSERT_TRUE(admin.has_value());
    admin_ = admin->key;
    for (auto* r : {&a_, &b_}) Start(*r);
  }

  void Start(Running& r) {
    ServerOptions o;
    o.port = 0;
    o.db = url_;
    auto server = ApiServer::Create(o);
    ASSERT_TRUE(server.has_value()) << server.error().message();
    r.server = std::move(*server);
    auto port = r.server->Bind();
    ASSERT_TRUE(port.has_value());
    r.port = *port;
    r.thread = std::thread([&r] { r.server->Run(); });
  }

  void TearDown() override {
    for (auto* r : {&a_, &b_}) {
      if (r->server) r->server->Stop();
      if (r->thread.joinable()) r->thread.join();
      r->server.reset();
    }
  }

  static httplib::Result Send(const Running& r, const std::string& method, const std::string& path,
                              const std::string& key, const std::string& body = "",
                              httplib::Headers headers = {}) {
    httplib::Client c("127.0.0.1", r.port);
    headers.emplace("Authorization", "Bearer " + key);
    if (method == "GET") return c.Get(path, headers);
    if (method == "DELETE") return c.Delete(path, headers);
    return c.Post(path, headers, body, "application/json");
  }

  std::string url_, admin_;
  Running a_, b_;
};

TEST_F(TwoServersTest, WhatOneWritesTheOtherReads) {
  const std::string kpis = "/api/v1/kpis?from=2025-01-01&to=2025-12-31";
  auto before = Send(b_, "GET", kpis, admin_);
  ASSERT_EQ(before->status, 200) << before->body;
  auto w = Send(a_, "POST", "/api/v1/orders", admin_,
                R"({"order_id":"N1","customer_id":"C1","ordered_at":"2025-06-01","total":777})");
  ASSERT_EQ(w->status, 201) << w->body;
  auto profile = Send(b_, "GET", "/api/v1/customers/C1", admin_);
  ASSERT_EQ(profile->status, 200);
  EXPECT_EQ(json::parse(profile->body)["totals"]["orders"], 2);
  auto ka = Send(a_, "GET", kpis, admin_), kb = Send(b_, "GET", kpis, admin_);
  ASSERT_EQ(ka->status, 200);
  EXPECT_EQ(ka->body, kb->body) << "both servers report the same KPIs";
  EXPECT_NE(kb->body, before->body) << "and B sees A's order in them";
}

TEST_F(TwoServersTest, IdempotencyKeysHoldAcrossServers) {
  const std::string body =
      R"({"order_id":"I1","customer_id":"C2","ordered_at":"2025-07-01","total":100})";
  auto first = Send(a_, "POST", "/api/v1/orders", admin_, body, {{"Idempotency-Key", "k1"}});
  ASSERT_EQ(first->status, 201) << first->body;
  auto again = Send(b_, "POST", "/api/v1/orders", admin_, body, {{"Idempotency-Key", "k1"}});
  EXPECT_EQ(again->status, 201);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  const std::string other =
      R"({"order_id":"I2","customer_id":"C2","ordered_at":"2025-07-02","total":100})";
  EXPECT_EQ(Send(b_, "POST", "/api/v1/orders", admin_, other, {{"Idempotency-Key", "k1"}})->status,
            409);
  // The same order id through the other server is a conflict, not a second order.
  EXPECT_EQ(Send(b_, "POST", "/api/v1/orders", admin_, body)->status, 409);
}

TEST_F(TwoServersTest, KeysMadeOrRevokedOnOneServerCountOnTheOther) {
  auto created = Send(a_, "POST", "/api/v1/apikeys", admin_, R"({"role":"analyst"})");
  ASSERT_EQ(created->status, 201) << created->body;
  const auto k = json::parse(created->body);
  EXPECT_EQ(Send(b_, "GET", "/api/v1/rfm", k["key"])->status, 200);
  EXPECT_EQ(Send(b_, "DELETE", "/api/v1/apikeys/" + k["id"].get<std::string>(), admin_)->status,
            204);
  EXPECT_EQ(Send(a_, "GET", "/api/v1/rfm", k["key"])->status, 401);
}

TEST_F(TwoServersTest, ConcurrentWritersOnBothServersLoseNothing) {
  constexpr int kThreads = 6, kEach = 20;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Running& server = t % 2 ? a_ : b_;
      for (int i = 0; i < kEach; ++i) {
        const std::string id = "P" + std::to_string(t) + "-" + std::to_string(i);
        const std::string body = R"({"order_id":")" + id + R"(","customer_id":"C)" +
                                 std::to_string(1 + i % 5) +
                                 R"(","ordered_at":"2025-08-01","total":1})";
        auto r = Send(server, "POST", "/api/v1/orders", admin_, body, {{"Idempotency-Key", id}});
        if (r && r->status == 201) ++created;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kThreads * kEach);
  int orders = 0;
  for (int i = 1; i <= 5; ++i) {
    auto p = Send(i % 2 ? a_ : b_, "GET", "/api/v1/customers/C" + std::to_string(i), admin_);
    orders += json::parse(p->body)["totals"]["orders"].get<int>();
  }
  EXPECT_EQ(orders, 5 + kThreads * kEach);
}

// The Kunden-Club on PostgreSQL: a member's writes are serialised across
// servers (row lock), so 20 redemptions of 500 of 1,000 points, sent at once
// to both servers, make exactly two vouchers.
TEST_F(TwoServersTest, ParallelRedemptionsOnBothServersMakeTwoVouchers) {
  const std::string today = core::FormatDay(core::LocalToday() - 1);
  ASSERT_EQ(Send(a_, "POST", "/api/v1/loyalty/members", admin_, R"({"customer_id":"C1"})")->status,
            201);
  auto bought = Send(b_, "POST", "/api/v1/loyalty/purchases", admin_,
                     R"({"order_id":"L1","customer_id":"C1","amount_cents":100000,)"
                     R"("occurred_at":")" +
                         today + R"("})");
  ASSERT_EQ(bought->status, 201) << bought->body;
  std::atomic<int> created{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&, i] {
      auto r =
          Send(i % 2 ? a_ : b_, "POST", "/api/v1/loyalty/redemptions", admin_,
               R"({"request_id":"Q)" + std::to_string(i) + R"(","customer_id":"C1","points":500})");
      if (r && r->status == 201) {
        ++created;
      } else if (r && r->status == 409) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 2);
  EXPECT_EQ(refused.load(), 18);
  EXPECT_EQ(other.load(), 0);
  auto member = Send(a_, "GET", "/api/v1/loyalty/members/C1", admin_);
  EXPECT_EQ(json::parse(member->body)["balance"], 0);
  auto check = Send(b_, "GET", "/api/v1/loyalty/check", admin_);
  EXPECT_TRUE(json::parse(check->body)["ok"].get<bool>()) << check->body;
}

}  // namespace
}  // namespace retain::api
