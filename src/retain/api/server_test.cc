// End-to-end tests of the HTTP API: a real server on a free loopback port,
// spoken to over HTTP with a real client.
#include <set>
#include <thread>

#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

TEST_F(ApiServerTest, HealthAndMetricsNeedNoKey) {
  auto h = Send("GET", "/healthz", "");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(json::parse(h->body)["status"], "ok");
  auto m = Send("GET", "/metrics", "");
  ASSERT_TRUE(m);
  EXPECT_NE(m->body.find("retain_http_requests_total{method=\"GET\",route=\"/healthz\","
                         "status=\"200\"} 1"),
            std::string::npos)
      << m->body;
  EXPECT_NE(m->body.find("retain_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m->body.find("retain_db_pool_connections"), std::string::npos);
}

TEST_F(ApiServerTest, AuthenticationAndRoles) {
  Problem(Send("GET", "/api/v1/kpis", ""), 401);
  Problem(Send("GET", "/api/v1/kpis", "rk_0000000000000000_nonsense"), 401);
  Problem(Send("GET", "/api/v1/kpis", shop_), 403);
  EXPECT_EQ(Send("GET", "/api/v1/kpis", analyst_)->status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/kpis", admin_)->status, 200);
  const std::string order =
      R"({"order_id":"N1","customer_id":"C01","ordered_at":"2025-12-01","total":5})";
  Problem(Send("POST", "/api/v1/orders", analyst_, order), 403);
  EXPECT_EQ(Send("POST", "/api/v1/orders", shop_, order)->status, 201);
  Problem(Send("GET", "/api/v1/apikeys", analyst_), 403);
  Problem(Send("GET", "/api/v1/apikeys", shop_), 403);
  Problem(Send("POST", "/api/v1/segments", analyst_, R"({"name":"x","rule":"orders > 1"})"), 403);
  // A wrong secret for a real id is refused too.
  std::string forged = analyst_;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  Problem(Send("GET", "/api/v1/kpis", forged), 401);
}

TEST_F(ApiServerTest, KeysAreManagedOverTheApiAndRevocationIsImmediate) {
  auto created = Send("POST", "/api/v1/apikeys", admin_, R"({"role":"analyst","name":"BI"})");
  ASSERT_EQ(created->status, 201) << created->body;
  const auto k = json::parse(created->body);
  const std::string key = k["key"], id = k["id"];
  EXPECT_EQ(Send("GET", "/api/v1/rfm", key)->status, 200);
  auto list = json::parse(Send("GET", "/api/v1/apikeys", admin_)->body);
  EXPECT_EQ(list["api_keys"].size(), 4u);
  EXPECT_EQ(list.dump().find(key), std::string::npos) << "a listing must never show a key";
  EXPECT_EQ(Send("DELETE", "/api/v1/apikeys/" + id, admin_)->status, 204);
  Problem(Send("GET", "/api/v1/rfm", key), 401);
  Problem(Send("DELETE", "/api/v1/apikeys/" + id, admin_), 404);
  auto bad = Problem(Send("POST", "/api/v1/apikeys", admin_, R"({"role":"boss"})"), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "role");
}

TEST_F(ApiServerTest, IdempotentOrders) {
  const std::string body =
      R"({"order_id":"W1","customer_id":"C02","ordered_at":"2025-12-02T10:00:00+01:00",)"
      R"("total":4999,"lines":[{"sku":"A-1","quantity":2,"unit_price":2500,"discount":1}]})";
  auto first = Send("POST", "/api/v1/orders", shop_, body, {{"Idempotency-Key", "abc"}});
  ASSERT_EQ(first->status, 201) << first->body;
  auto again = Send("POST", "/api/v1/orders", shop_, body, {{"Idempotency-Key", "abc"}});
  EXPECT_EQ(again->status, 201);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  const std::string other =
      R"({"order_id":"W2","customer_id":"C02","ordered_at":"2025-12-03","total":1})";
  Problem(Send("POST", "/api/v1/orders", shop_, other, {{"Idempotency-Key", "abc"}}), 409);
  // Without the key, a second order with the same id is a conflict, not a duplicate.
  Problem(Send("POST", "/api/v1/orders", shop_, body), 409);
  auto profile = json::parse(Send("GET", "/api/v1/customers/C02", analyst_)->body);
  EXPECT_EQ(profile["totals"]["orders"], 3) << "two seeded orders and W1, once";
  // The same key from another API key is another request.
  auto admin_write = Send("POST", "/api/v1/orders", admin_, other, {{"Idempotency-Key", "abc"}});
  EXPECT_EQ(admin_write->status, 201) << admin_write->body;
  // An unknown customer is 404 and stores nothing under the key.
  const std::string orphan =
      R"({"order_id":"W3","customer_id":"NOPE","ordered_at":"2025-12-03","total":1})";
  Problem(Send("POST", "/api/v1/orders", shop_, orphan, {{"Idempotency-Key", "k3"}}), 404);
}

TEST_F(ApiServerTest, ReturnsTakeTheirCustomerFromTheOrder) {
  auto r = Send("POST", "/api/v1/returns", shop_,
                R"({"return_id":"R1","order_id":"O3-0","returned_at":"2025-03-10","amount":700})");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["customer_id"], "C03");
  Problem(Send("POST", "/api/v1/returns", shop_,
               R"({"return_id":"R1","order_id":"O3-0","returned_at":"2025-03-10","amount":700})"),
          409);
  auto wrong = Problem(Send("POST", "/api/v1/returns", shop_,
                            R"({"return_id":"R2","order_id":"O3-0","customer_id":"C04",)"
                            R"("returned_at":"2025-03-10","amount":1})"),
                       400);
  EXPECT_NE(wrong["detail"].get<std::string>().find("another customer"), std::string::npos);
}

TEST_F(ApiServerTest, CustomerUpsertIsIdempotent) {
  const std::string body = R"({"first_name":"Eva","email":"eva@example.org","tags":["vip"],)"
                           R"("consents":{"email":"granted"},"birth_date":"1990-05-17"})";
  auto created = Send("PUT", "/api/v1/customers/NEU-1", shop_, body);
  ASSERT_EQ(created->status, 201) << created->body;
  auto again = Send("PUT", "/api/v1/customers/NEU-1", shop_, body);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->body, created->body);
  auto got = json::parse(Send("GET", "/api/v1/customers/NEU-1", shop_)->body);
  EXPECT_EQ(got["profile"]["email"], "eva@example.org");
  EXPECT_EQ(got["profile"]["consents"]["email"], "granted");
  EXPECT_EQ(got["classification"]["tenure"], "prospect");
}

TEST_F(ApiServerTest, ValidationProblemsNameTheField) {
  auto typo = Problem(Send("PUT", "/api/v1/customers/X", shop_, R"({"emial":"a"})"), 400);
  EXPECT_EQ(typo["errors"][0]["field"], "emial");
  auto line = Problem(Send("POST", "/api/v1/orders", shop_,
                           R"({"order_id":"W","customer_id":"C01","ordered_at":"2025-01-01",)"
                           R"("total":1,"lines":[{"quantity":1},{"quantity":"two"}]})"),
                      400);
  EXPECT_EQ(line["errors"][0]["field"], "lines[1].quantity");
  auto date =
      Problem(Send("POST", "/api/v1/orders", shop_,
                   R"({"order_id":"W","customer_id":"C01","ordered_at":"2025-02-30","total":1})"),
              400);
  EXPECT_EQ(date["errors"][0]["field"], "ordered_at");
  auto money = Problem(
      Send("POST", "/api/v1/orders", shop_,
           R"({"order_id":"W","customer_id":"C01","ordered_at":"2025-01-01","total":9.99})"),
      400);
  EXPECT_EQ(money["errors"][0]["field"], "total");
  auto malformed = Problem(Send("POST", "/api/v1/orders", shop_, R"({"order_id": )"), 400);
  EXPECT_NE(malformed["detail"].get<std::string>().find("at byte"), std::string::npos);
  auto limit = Problem(Send("GET", "/api/v1/customers?limit=0", analyst_), 400);
  EXPECT_EQ(limit["errors"][0]["field"], "limit");
  auto rule =
      Problem(Send("POST", "/api/v1/segments/count", analyst_, R"({"rule":"ordrs > 1"})"), 400);
  EXPECT_EQ(rule["errors"][0]["field"], "rule");
  EXPECT_NE(rule["detail"].get<std::string>().find("1:1"), std::string::npos) << rule.dump();
}

TEST_F(ApiServerTest, TransportErrorsAreProblemsToo) {
  Problem(Send("GET", "/api/v1/nothing-here", analyst_), 404);
  auto r = Send("DELETE", "/api/v1/kpis", admin_);
  Problem(r, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  auto big = Problem(Send("POST", "/api/v1/orders", shop_, std::string(100 * 1024, 'x')), 413);
  EXPECT_EQ(big.dump().find("SQL"), std::string::npos);
  Problem(Send("GET", "/api/v1/customers/NOBODY", analyst_), 404);
}

TEST_F(ApiServerTest, CursorPaginationVisitsEveryCustomerOnce) {
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = Send("GET", "/api/v1/customers?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
                  analyst_);
    ASSERT_EQ(r->status, 200) << r->body;
    auto page = json::parse(r->body);
    for (const auto& c : page["customers"]) EXPECT_TRUE(seen.insert(c["customer_id"]).second);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 10u);
  EXPECT_EQ(pages, 4);
  Problem(Send("GET", "/api/v1/customers?cursor=zz", analyst_), 400);
  // Segment members page the same way.
  std::set<std::string> berlin;
  cursor.clear();
  do {
    auto r = Send("GET",
                  "/api/v1/customers?limit=2&rule=city%20%3D%20%22Berlin%22" +
                      (cursor.empty() ? "" : "&cursor=" + cursor),
                  analyst_);
    ASSERT_EQ(r->status, 200) << r->body;
    auto page = json::parse(r->body);
    for (const auto& c : page["customers"]) {
      EXPECT_EQ(c["city"], "Berlin");
      berlin.insert(c["customer_id"]);
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_EQ(berlin.size(), 5u);
  auto found = json::parse(Send("GET", "/api/v1/customers?q=k7%40example.org", analyst_)->body);
  ASSERT_EQ(found["customers"].size(), 1u);
  EXPECT_EQ(found["customers"][0]["customer_id"], "C07");
  auto by_name = json::parse(Send("GET", "/api/v1/customers?q=Nummer1", analyst_)->body);
  EXPECT_EQ(by_name["customers"].size(), 2u) << "Nummer1 and Nummer10";
}

TEST_F(ApiServerTest, ReportsAndSegments) {
  auto kpi = json::parse(Send("GET", "/api/v1/kpis?from=2025-01-01&to=2025-12-31", analyst_)->body);
  EXPECT_EQ(kpi["orders"], 12);
  EXPECT_EQ(kpi["revenue"], 2 * 1000 * (1 + 2 + 3 + 4 + 5 + 6));
  Problem(Send("GET", "/api/v1/kpis?from=2025-13-01", analyst_), 400);
  EXPECT_EQ(Send("GET", "/api/v1/cohorts", analyst_)->status, 200);
  auto created = Send("POST", "/api/v1/segments", admin_,
                      R"({"name":"Berliner","rule":"city = \"Berlin\" and orders >= 2"})");
  ASSERT_EQ(created->status, 201) << created->body;
  auto seg = json::parse(Send("GET", "/api/v1/segments/berliner", analyst_)->body);
  EXPECT_EQ(seg["members"], 3) << "C01, C03, C05";
  Problem(Send("POST", "/api/v1/segments", admin_, R"({"name":"Berliner","rule":"orders > 0"})"),
          409);
  auto members = json::parse(Send("GET", "/api/v1/customers?segment=Berliner", analyst_)->body);
  EXPECT_EQ(members["customers"].size(), 3u);
  EXPECT_EQ(Send("DELETE", "/api/v1/segments/Berliner", admin_)->status, 204);
  Problem(Send("GET", "/api/v1/segments/Berliner", analyst_), 404);
}

TEST_F(ApiServerTest, NewOrdersShowInReports) {
  auto before =
      json::parse(Send("GET", "/api/v1/kpis?from=2025-01-01&to=2025-12-31", analyst_)->body);
  ASSERT_EQ(Send("POST", "/api/v1/orders", shop_,
                 R"({"order_id":"X1","customer_id":"C09","ordered_at":"2025-12-20","total":777})")
                ->status,
            201);
  auto after =
      json::parse(Send("GET", "/api/v1/kpis?from=2025-01-01&to=2025-12-31", analyst_)->body);
  EXPECT_EQ(after["orders"], before["orders"].get<int>() + 1);
  EXPECT_EQ(after["revenue"], before["revenue"].get<int64_t>() + 777);
}

// A customer read never waits for the analytics view: right after a write
// it answers from the older view (counting the customer's new order all
// the same) and the view catches up in the background.
TEST_F(ApiServerTest, AProfileCountsANewOrderAtOnceAndTheViewCatchesUp) {
  auto first = json::parse(Send("GET", "/api/v1/customers/C09", analyst_)->body);
  const std::string shop_day = first["as_of"];
  ASSERT_LT(shop_day, "2026-02-01");
  ASSERT_EQ(Send("POST", "/api/v1/orders", shop_,
                 R"({"order_id":"V1","customer_id":"C09","ordered_at":"2026-02-01","total":500})")
                ->status,
            201);
  auto at_once = json::parse(Send("GET", "/api/v1/customers/C09", analyst_)->body);
  EXPECT_EQ(at_once["totals"]["orders"], first["totals"]["orders"].get<int>() + 1);
  EXPECT_EQ(at_once["totals"]["revenue"], first["totals"]["revenue"].get<int64_t>() + 500);
  EXPECT_EQ(at_once["lifecycle"]["days_since_last_order"], 0);
  // Another customer's profile moves to the new shop day once the view is rebuilt.
  std::string as_of;
  for (int i = 0; i < 200 && as_of != "2026-02-01"; ++i) {
    as_of = json::parse(Send("GET", "/api/v1/customers/C01", analyst_)->body)["as_of"];
    if (as_of != "2026-02-01") std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(as_of, "2026-02-01");
}

TEST_F(ApiServerTest, ConcurrentWritersLoseNothing) {
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string id = "P" + std::to_string(t) + "-" + std::to_string(i);
        auto r = Send("POST", "/api/v1/orders", shop_,
                      R"({"order_id":")" + id +
                          R"(","customer_id":"C10","ordered_at":"2025-11-01","total":100})",
                      {{"Idempotency-Key", id}});
        if (r && r->status == 201) ++created;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(created.load(), 100);
  auto profile = json::parse(Send("GET", "/api/v1/customers/C10", analyst_)->body);
  EXPECT_EQ(profile["totals"]["orders"], 100);
}

// Hostile text in every text field is stored and returned as text, never run as SQL.
TEST_F(ApiServerTest, InjectionStringsAreJustText) {
  const std::vector<std::string> attacks = {"'; DROP TABLE customers; --",
                                            "\" OR 1=1 --",
                                            "x' OR 'x'='x",
                                            "%' OR '%'='",
                                            "\\'; DELETE FROM orders; --",
                                            "Robert'); DROP TABLE api_keys;--"};
  int n = 0;
  for (const auto& a : attacks) {
    const std::string id = "INJ" + std::to_string(++n);
    json c;
    for (const char* f : {"first_name", "last_name", "email", "phone", "street", "postal_code",
                          "city", "language", "company", "referral_source"}) {
      c[f] = a.substr(0, std::string(f) == "language" ? 16 : 200);
    }
    c["tags"] = {a};
    c["attributes"] = {{a, a}};
    auto put = Send("PUT", "/api/v1/customers/" + id, shop_, c.dump());
    ASSERT_EQ(put->status, 201) << put->body;
    json o = {{"order_id", a + id},
              {"customer_id", id},
              {"ordered_at", "2025-06-01"},
              {"total", 1},
              {"store_id", a},
              {"status", a},
              {"lines", {{{"sku", a}, {"name", a}, {"category", a}, {"brand", a}, {"size", a}}}}};
    auto post = Send("POST", "/api/v1/orders", shop_, o.dump(), {{"Idempotency-Key", a}});
    ASSERT_EQ(post->status, 201) << post->body;
    auto got = json::parse(Send("GET", "/api/v1/customers/" + id, analyst_)->body);
    EXPECT_EQ(got["profile"]["city"], a);
    EXPECT_EQ(got["profile"]["attributes"][a], a);
    EXPECT_EQ(got["orders"][0]["lines"][0]["sku"], a);
    auto search = Send("GET", "/api/v1/customers?q=" + Pct(a), analyst_);
    EXPECT_EQ(search->status, 200);
    Problem(Send("GET", "/api/v1/segments/" + Pct(a), analyst_), 404);
  }
  // Everything is still there: 10 seeded customers + 6 new ones, 12 + 6 orders.
  auto store = storage::OpenStore(db_, storage::OpenMode::kMustExist);
  ASSERT_TRUE(store.has_value());
  int customers = 0;
  ASSERT_TRUE((*store)->ScanCustomers([&](int64_t, const std::string&) { ++customers; }).ok());
  EXPECT_EQ(customers, 16);
  auto keys = (*store)->ListApiKeys();
  ASSERT_TRUE(keys.has_value());
  EXPECT_EQ(keys->size(), 3u);
}

}  // namespace
}  // namespace retain::api
