// End-to-end tests of the lifetime-value, association and recommendation
// routes on a real server.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

// Adds `n` customers S001.. with one to many purchases in 2023-2025 (a
// fixed pseudo-random history: different rates, spends and drop-outs),
// written beside the running server as another program would. Returns the
// day of the latest order.
core::Day SeedPurchases(const std::string& db, int n) {
  core::Day latest = 0;
  auto store = storage::OpenStore(db, storage::OpenMode::kMustExist);
  EXPECT_TRUE(store.has_value());
  auto& s = **store;
  uint64_t state = 42;
  auto next = [&](int64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int64_t>((state >> 33) % static_cast<uint64_t>(bound));
  };
  const core::Day start = core::DayFromCivil(2023, 1, 1), end = core::DayFromCivil(2025, 12, 31);
  EXPECT_TRUE(s.BeginWrite().ok());
  for (int i = 1; i <= n; ++i) {
    model::Customer c;
    c.external_id = fmt::format("S{:03}", i);
    EXPECT_TRUE(s.UpsertCustomer(c).has_value());
    const int64_t gap = 15 + next(150);  // mean days between purchases
    const core::Day first = start + next(365);
    const core::Day last = first + next(1000);  // drops out after this day
    const int64_t spend = 2000 + next(15000);   // usual order value, cents
    int k = 0;
    for (core::Day d = first; d <= end && d <= last; d += 1 + next(2 * gap)) {
      model::Order o;
      o.external_id = c.external_id + "-" + std::to_string(++k);
      o.customer_external_id = c.external_id;
      o.ordered_at.day = d;
      o.total_minor = spend / 2 + next(spend);
      EXPECT_TRUE(s.UpsertOrder(o).has_value());
      latest = std::max(latest, d);
    }
  }
  EXPECT_TRUE(s.Commit().ok());
  return latest;
}

TEST_F(ApiServerTest, ClvFitScoreAndProfile) {
  const std::string latest_day = core::FormatDay(SeedPurchases(db_, 300));
  // Fitting and scoring are for admins; reading the results for analysts too.
  Problem(Send("POST", "/api/v1/clv/fit", analyst_), 403);
  Problem(Send("POST", "/api/v1/clv/fit", shop_), 403);
  Problem(Send("POST", "/api/v1/clv/score", analyst_), 403);
  Problem(Send("GET", "/api/v1/clv/models/latest", shop_), 403);
  Problem(Send("GET", "/api/v1/clv/models/latest", analyst_), 404);
  Problem(Send("GET", "/api/v1/clv/scores/latest", analyst_), 404);
  Problem(Send("POST", "/api/v1/clv/score", admin_), 409);  // nothing fitted yet

  auto fit = Send("POST", "/api/v1/clv/fit", admin_, "");
  ASSERT_EQ(fit->status, 201) << fit->body;
  const auto fits = json::parse(fit->body)["models"];
  ASSERT_EQ(fits.size(), 2u);
  EXPECT_EQ(fits[0]["model"], "bgnbd");
  EXPECT_EQ(fits[1]["model"], "gammagamma");
  for (const auto& f : fits) {
    EXPECT_TRUE(f["converged"].get<bool>()) << f.dump();
    EXPECT_EQ(f["source"], "transactions");
    EXPECT_EQ(f["calibration_end"], latest_day);
    EXPECT_GT(f["id"].get<int64_t>(), 0);
  }
  EXPECT_TRUE(fits[0]["params"].contains("alpha"));
  EXPECT_EQ(fits[0]["customers"], 306) << "300 new and the six seeded buyers";

  auto latest = json::parse(Send("GET", "/api/v1/clv/models/latest", analyst_)->body);
  ASSERT_EQ(latest["models"].size(), 2u);
  EXPECT_EQ(latest["models"][0]["id"], fits[0]["id"]);
  EXPECT_EQ(latest["models"][1]["id"], fits[1]["id"]);
  auto spend = json::parse(Send("GET", "/api/v1/clv/models/latest?model=gammagamma", admin_)->body);
  ASSERT_EQ(spend["models"].size(), 1u);
  EXPECT_EQ(spend["models"][0]["params"], fits[1]["params"]);
  Problem(Send("GET", "/api/v1/clv/models/latest?model=paretonbd", analyst_), 404);
  auto unknown = Problem(Send("GET", "/api/v1/clv/models/latest?model=nope", analyst_), 400);
  EXPECT_EQ(unknown["errors"][0]["field"], "model");

  auto scored = Send("POST", "/api/v1/clv/score", admin_, R"({"horizon_months":6})");
  ASSERT_EQ(scored->status, 200) << scored->body;
  const auto score = json::parse(scored->body);
  EXPECT_EQ(score["customers_scored"], 306);
  EXPECT_EQ(score["horizon_months"], 6);
  const auto& risk = score["by_risk"];
  EXPECT_EQ(risk["low"].get<int>() + risk["medium"].get<int>() + risk["high"].get<int>(), 306);
  EXPECT_GT(score["existing_clv_total"].get<double>(), 0);
  auto run = json::parse(Send("GET", "/api/v1/clv/scores/latest", analyst_)->body);
  EXPECT_EQ(run["run_id"], score["run_id"]);
  EXPECT_EQ(run["bgnbd_model_id"], fits[0]["id"]);
  EXPECT_EQ(run["as_of"], latest_day);

  // The customer's profile shows the stored forecast.
  auto profile = json::parse(Send("GET", "/api/v1/customers/S001", analyst_)->body);
  ASSERT_TRUE(profile["clv"].is_object()) << profile.dump();
  EXPECT_EQ(profile["clv"]["horizon_months"], 6);
  EXPECT_GE(profile["clv"]["p_alive"].get<double>(), 0);
  EXPECT_LE(profile["clv"]["p_alive"].get<double>(), 1);

  // A run without saving leaves the stored forecasts alone.
  auto dry = json::parse(
      Send("POST", "/api/v1/clv/score", admin_, R"({"horizon_months":3,"save":false})")->body);
  EXPECT_TRUE(dry["run_id"].is_null());
  EXPECT_EQ(json::parse(Send("GET", "/api/v1/clv/scores/latest", analyst_)->body)["run_id"],
            score["run_id"]);

  auto months = Problem(Send("POST", "/api/v1/clv/score", admin_, R"({"horizon_months":0})"), 400);
  EXPECT_EQ(months["errors"][0]["field"], "horizon_months");
  auto typo = Problem(Send("POST", "/api/v1/clv/score", admin_, R"({"horizon":6})"), 400);
  EXPECT_EQ(typo["errors"][0]["field"], "horizon");
  Problem(Send("POST", "/api/v1/clv/score", admin_,
               R"({"high_risk_below":0.9,"medium_risk_below":0.5})"),
          400);
  auto bgbb = Problem(Send("POST", "/api/v1/clv/fit", admin_, R"({"model":"bgbb"})"), 400);
  EXPECT_EQ(bgbb["errors"][0]["field"], "model");
  Problem(Send("POST", "/api/v1/clv/fit", admin_, R"({"time_unit":"month"})"), 400);
}

TEST_F(ApiServerTest, AssociationsAndRecommendations) {
  // Baskets: {A,B} twice, {A,B,C}, {A,C}, {A}.
  const std::vector<std::pair<std::string, std::vector<std::string>>> baskets = {
      {"C01", {"A", "B"}},
      {"C02", {"A", "B"}},
      {"C03", {"A", "B", "C"}},
      {"C04", {"A", "C"}},
      {"C05", {"A"}}};
  int n = 0;
  for (const auto& [customer, skus] : baskets) {
    json o = {{"order_id", "B" + std::to_string(++n)},
              {"customer_id", customer},
              {"ordered_at", "2025-11-0" + std::to_string(n)},
              {"total", 1000 * static_cast<int>(skus.size())},
              {"lines", json::array()}};
    for (const auto& sku : skus) {
      o["lines"].push_back({{"sku", sku}, {"quantity", 1}, {"unit_price", 1000}});
    }
    auto r = Send("POST", "/api/v1/orders", shop_, o.dump());
    ASSERT_EQ(r->status, 201) << r->body;
  }
  auto got = Send("GET", "/api/v1/customers/C05/recommendations?k=2", analyst_);
  ASSERT_EQ(got->status, 200) << got->body;
  const auto recs = json::parse(got->body);
  EXPECT_EQ(recs["customer_id"], "C05");
  EXPECT_EQ(recs["as_of"], "2025-11-05");
  ASSERT_EQ(recs["recommendations"].size(), 2u) << recs.dump();
  EXPECT_EQ(recs["recommendations"][0]["sku"], "B") << "A and B: 3 of 5 baskets with A";
  EXPECT_EQ(recs["recommendations"][0]["because_of"], "A");
  EXPECT_EQ(recs["recommendations"][0]["reason"], "bought together");
  EXPECT_DOUBLE_EQ(recs["recommendations"][0]["confidence"].get<double>(), 0.6);
  EXPECT_EQ(recs["recommendations"][1]["sku"], "C");
  Problem(Send("GET", "/api/v1/customers/C05/recommendations", shop_), 403);
  Problem(Send("GET", "/api/v1/customers/NOBODY/recommendations", analyst_), 404);
  auto k = Problem(Send("GET", "/api/v1/customers/C05/recommendations?k=0", analyst_), 400);
  EXPECT_EQ(k["errors"][0]["field"], "k");

  auto assoc = Send("GET", "/api/v1/associations?min_support=0.1&min_confidence=0.5", analyst_);
  ASSERT_EQ(assoc->status, 200) << assoc->body;
  const auto rules = json::parse(assoc->body);
  EXPECT_EQ(rules["level"], "product");
  EXPECT_EQ(rules["baskets"], 5);
  EXPECT_EQ(rules["min_confidence"], 0.5);
  bool b_then_a = false;
  for (const auto& r : rules["rules"]) {
    EXPECT_GE(r["confidence"].get<double>(), 0.5);
    b_then_a |= r["if"] == "B" && r["then"] == "A" && r["confidence"] == 1.0;
  }
  EXPECT_TRUE(b_then_a) << rules.dump();
  auto top = json::parse(
      Send("GET", "/api/v1/associations?min_support=0&min_confidence=0&top=1", analyst_)->body);
  EXPECT_EQ(top["rules"].size(), 1u);
  EXPECT_GT(top["rules_found"].get<int>(), 1);
  auto level = Problem(Send("GET", "/api/v1/associations?level=brand", analyst_), 400);
  EXPECT_EQ(level["errors"][0]["field"], "level");
  auto support = Problem(Send("GET", "/api/v1/associations?min_support=2", analyst_), 400);
  EXPECT_EQ(support["errors"][0]["field"], "min_support");
  Problem(Send("GET", "/api/v1/associations", shop_), 403);
}

}  // namespace
}  // namespace retain::api
