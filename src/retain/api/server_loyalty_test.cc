// The Kunden-Club over HTTP: every route as the till and the web shop use
// it, errors as problem+json naming the field, and concurrent requests that
// must neither lose nor double a point.
#include <atomic>
#include <thread>

#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

class LoyaltyApiTest : public ApiServerTest {
 protected:
  // A day `days_ago` days before today, as the API takes it.
  static std::string DaysAgo(int days_ago) {
    return core::FormatDay(core::LocalToday() - days_ago);
  }
  std::string PurchaseBody(const std::string& order, const std::string& customer, int64_t cents) {
    return json{{"order_id", order},
                {"customer_id", customer},
                {"amount_cents", cents},
                {"currency", "EUR"},
                {"channel", "store"},
                {"store_id", "B1"},
                {"occurred_at", DaysAgo(3) + "T10:15:00+01:00"}}
        .dump();
  }
  json Ok(const httplib::Result& r, int status) {
    EXPECT_TRUE(r) << "no answer";
    if (!r) return json();
    EXPECT_EQ(r->status, status) << r->body;
    return json::parse(r->body, nullptr, false);
  }
  void Enroll(const std::string& customer) {
    Ok(Send("POST", "/api/v1/loyalty/members", shop_, json{{"customer_id", customer}}.dump()), 201);
  }
  void ExpectConsistent() {
    auto check = Ok(Send("GET", "/api/v1/loyalty/check", admin_), 200);
    EXPECT_TRUE(check["ok"].get<bool>()) << check.dump(2);
  }
};

TEST_F(LoyaltyApiTest, TheTillEnrolsEarnsRedeemsAndPaysWithAVoucher) {
  Enroll("C01");
  auto again = Ok(Send("POST", "/api/v1/loyalty/members", shop_, R"({"customer_id":"C01"})"), 200);
  EXPECT_EQ(again["tier"], "Basis");
  auto bought =
      Ok(Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("T-1", "C01", 120050)), 201);
  EXPECT_EQ(bought["points_earned"], 1200);
  EXPECT_EQ(bought["tier"], "Silber");
  EXPECT_EQ(bought["points_available"], 1200);
  // The till retries: the first answer again, marked as a replay; nothing counted twice.
  auto retry = Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("T-1", "C01", 120050));
  EXPECT_EQ(Ok(retry, 201), bought);
  EXPECT_EQ(retry->get_header_value("Idempotent-Replayed"), "true");
  auto clash = Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("T-1", "C01", 999));
  EXPECT_EQ(clash->status, 409);
  EXPECT_EQ(clash->get_header_value("Content-Type"), "application/problem+json");

  auto member = Ok(Send("GET", "/api/v1/loyalty/members/C01", shop_), 200);
  EXPECT_EQ(member["points_available"], 1200);
  EXPECT_EQ(member["next_tier"], "Gold");
  EXPECT_EQ(member["points_to_next_tier"], 1800);

  auto redeemed = Ok(Send("POST", "/api/v1/loyalty/redemptions", shop_,
                          R"({"request_id":"Q-1","customer_id":"C01","points":1000})"),
                     201);
  const std::string code = redeemed["voucher"]["code"];
  EXPECT_EQ(redeemed["voucher"]["value_cents"], 1000);
  EXPECT_EQ(redeemed["points_available"], 200);
  auto voucher = Ok(Send("GET", "/api/v1/loyalty/vouchers/" + code, shop_), 200);
  EXPECT_EQ(voucher["state"], "issued");
  auto used =
      Ok(Send("POST", "/api/v1/loyalty/vouchers/" + code + "/use", shop_, R"({"order_id":"T-2"})"),
         200);
  EXPECT_EQ(used["state"], "used");
  auto twice =
      Send("POST", "/api/v1/loyalty/vouchers/" + code + "/use", shop_, R"({"order_id":"T-3"})");
  EXPECT_EQ(twice->status, 409) << twice->body;
  EXPECT_EQ(Send("POST", "/api/v1/loyalty/vouchers/" + code + "/cancel", shop_)->status, 409);
  EXPECT_EQ(Send("GET", "/api/v1/loyalty/vouchers/NOPE-NOPE", shop_)->status, 404);

  // A return takes back its share; the history shows every entry.
  auto ret = Ok(Send("POST", "/api/v1/loyalty/returns", shop_,
                     R"({"return_id":"R-1","order_id":"T-1","amount_cents":30000})"),
                201);
  EXPECT_EQ(ret["points_reversed"], 300);
  EXPECT_EQ(ret["points_available"], 0);
  EXPECT_EQ(ret["balance"], -100);
  auto page = Ok(Send("GET", "/api/v1/loyalty/members/C01/history?limit=2", shop_), 200);
  ASSERT_EQ(page["entries"].size(), 2u);
  EXPECT_EQ(page["entries"][1]["points"], -1000);
  auto rest = Ok(
      Send("GET", "/api/v1/loyalty/members/C01/history?after=" + page["next_after"].dump(), shop_),
      200);
  ASSERT_EQ(rest["entries"].size(), 1u);
  EXPECT_EQ(rest["entries"][0]["kind"], "reverse");
  EXPECT_TRUE(rest["next_after"].is_null());
  ExpectConsistent();
}

TEST_F(LoyaltyApiTest, BadRequestsNameTheirFieldAndChangeNothing) {
  Enroll("C02");
  auto missing = Ok(Send("POST", "/api/v1/loyalty/purchases", shop_,
                         R"({"order_id":"X","customer_id":"C02","occurred_at":"2026-01-01"})"),
                    400);
  EXPECT_EQ(missing["errors"][0]["field"], "amount_cents") << missing.dump();
  auto unknown = Ok(Send("POST", "/api/v1/loyalty/redemptions", shop_,
                         R"({"request_id":"Q","customer_id":"C02","points":500,"pionts":1})"),
                    400);
  EXPECT_EQ(unknown["errors"][0]["field"], "pionts");
  auto block = Ok(Send("POST", "/api/v1/loyalty/redemptions", shop_,
                       R"({"request_id":"Q","customer_id":"C02","points":499})"),
                  400);
  EXPECT_EQ(block["errors"][0]["field"], "points");
  auto poor = Ok(Send("POST", "/api/v1/loyalty/redemptions", shop_,
                      R"({"request_id":"Q","customer_id":"C02","points":500})"),
                 409);
  EXPECT_EQ(poor["errors"][0]["field"], "points") << poor.dump();
  auto lost = Ok(Send("POST", "/api/v1/loyalty/returns", shop_,
                      R"({"return_id":"R","order_id":"nope","amount_cents":1})"),
                 404);
  EXPECT_EQ(lost["errors"][0]["field"], "order_id");
  EXPECT_EQ(Send("GET", "/api/v1/loyalty/members/C09", shop_)->status, 404);
  EXPECT_EQ(Send("POST", "/api/v1/loyalty/members", shop_, R"({"customer_id":"nobody"})")->status,
            404);
  // Roles: the liability is for analysts and admins, the check for admins.
  EXPECT_EQ(Send("GET", "/api/v1/loyalty/liability", shop_)->status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/loyalty/check", analyst_)->status, 403);
  EXPECT_EQ(
      Send("POST", "/api/v1/loyalty/purchases", analyst_, PurchaseBody("Y", "C02", 1))->status,
      403);
  auto liability = Ok(Send("GET", "/api/v1/loyalty/liability", analyst_), 200);
  EXPECT_EQ(liability["points_outstanding"], 0);
  ExpectConsistent();
}

TEST_F(LoyaltyApiTest, SimulateProgramAndBonuses) {
  Enroll("C03");
  auto sim = Ok(Send("POST", "/api/v1/loyalty/simulate", shop_,
                     R"({"tier":"Gold","amount_cents":10000,"channel":"online"})"),
                200);
  EXPECT_EQ(sim["points"], 120);
  auto program = Ok(Send("GET", "/api/v1/loyalty/program", shop_), 200);
  EXPECT_EQ(program["tiers"][2]["benefits"].size(), 3u);
  auto surprise = Ok(Send("POST", "/api/v1/loyalty/bonuses", shop_,
                          R"({"request_id":"B1","customer_id":"C03","kind":"surprise",
                              "points":50,"reason":"Lieferung verspätet"})"),
                     201);
  EXPECT_EQ(surprise["points_available"], 50);
  auto no_reason = Ok(Send("POST", "/api/v1/loyalty/bonuses", shop_,
                           R"({"request_id":"B2","customer_id":"C03","kind":"surprise",
                               "points":50})"),
                      400);
  EXPECT_EQ(no_reason["errors"][0]["field"], "reason");
  ExpectConsistent();
}

TEST_F(LoyaltyApiTest, TwentyParallelRedemptionsOfHalfTheBalanceMakeTwoVouchers) {
  Enroll("C04");
  Ok(Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("P-1", "C04", 100000)), 201);
  std::atomic<int> created{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&, i] {
      auto r = Send(
          "POST", "/api/v1/loyalty/redemptions", shop_,
          json{{"request_id", "Q-" + std::to_string(i)}, {"customer_id", "C04"}, {"points", 500}}
              .dump());
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
  EXPECT_EQ(Ok(Send("GET", "/api/v1/loyalty/members/C04", shop_), 200)["balance"], 0);
  ExpectConsistent();
}

TEST_F(LoyaltyApiTest, TheSamePurchaseSentConcurrentlyCountsOnce) {
  Enroll("C05");
  std::vector<std::string> bodies(12);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bodies.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("D-1", "C05", 45600));
      if (r && r->status == 201) bodies[i] = r->body;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& b : bodies) EXPECT_EQ(b, bodies[0]);
  EXPECT_EQ(json::parse(bodies[0])["points_earned"], 456);
  EXPECT_EQ(Ok(Send("GET", "/api/v1/loyalty/members/C05", shop_), 200)["points_available"], 456);
  ExpectConsistent();
}

TEST_F(LoyaltyApiTest, TheSameRedemptionSentConcurrentlyMakesOneVoucher) {
  Enroll("C06");
  Ok(Send("POST", "/api/v1/loyalty/purchases", shop_, PurchaseBody("P-6", "C06", 300000)), 201);
  std::vector<std::string> codes(10);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < codes.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = Send("POST", "/api/v1/loyalty/redemptions", shop_,
                    R"({"request_id":"Q-same","customer_id":"C06","points":1000})");
      if (r && r->status == 201) codes[i] = json::parse(r->body)["voucher"]["code"];
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& c : codes) EXPECT_EQ(c, codes[0]);
  EXPECT_FALSE(codes[0].empty());
  EXPECT_EQ(Ok(Send("GET", "/api/v1/loyalty/members/C06", shop_), 200)["points_available"], 2000);
  ExpectConsistent();
}

}  // namespace
}  // namespace retain::api
