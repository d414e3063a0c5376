// The contact plan over HTTP: an order problem reported by the shop answered
// first, committing once, paging, roles and problem+json naming the field.
#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

class PlanApiTest : public ApiServerTest {};

TEST_F(PlanApiTest, AReportedProblemIsPlannedAndCommittedOnce) {
  auto r =
      Send("POST", "/api/v1/orders/O1-1/problems", shop_,
           R"({"problem":"delayed","note":"Spedition meldet Verspätung","date":"2025-07-05"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["recorded"], true);
  r = Send("POST", "/api/v1/orders/O1-1/problems", shop_,
           R"({"problem":"delayed","date":"2025-07-05"})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["recorded"], false);

  r = Send("GET", "/api/v1/plan?date=2025-07-06", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto plan = json::parse(r->body);
  EXPECT_EQ(plan["day"], "2025-07-06");
  EXPECT_EQ(plan["customers"], 10);
  ASSERT_GE(plan["planned"].get<int>(), 1);
  const auto& first = plan["contacts"][0];
  EXPECT_EQ(first["customer_id"], "C01");
  EXPECT_EQ(first["trigger"], "service_problem");
  EXPECT_EQ(first["reference"], "order:O1-1");
  EXPECT_EQ(first["channel"], "email");
  EXPECT_EQ(first["priority"], 1);
  EXPECT_EQ(plan["by_trigger"]["service_problem"], 1);

  // Only admins commit; a second commit adds nothing.
  r = Send("POST", "/api/v1/plan/commit", analyst_, R"({"date":"2025-07-06"})");
  EXPECT_EQ(r->status, 403);
  r = Send("POST", "/api/v1/plan/commit", admin_, R"({"date":"2025-07-06"})");
  ASSERT_EQ(r->status, 201) << r->body;
  const auto committed = json::parse(r->body);
  EXPECT_EQ(committed["recorded"], plan["planned"]);
  r = Send("POST", "/api/v1/plan/commit", admin_, R"({"date":"2025-07-06"})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["recorded"], 0);
  EXPECT_EQ(json::parse(r->body)["already_contacted"], plan["planned"]);
}

TEST_F(PlanApiTest, PagesAndRefusesBadRequestsNamingTheField) {
  // The seeded customers gave no consent; six of them opt in to email.
  for (const char* id : {"C01", "C02", "C03", "C04", "C05", "C06"}) {
    auto r = Send("POST", std::string("/api/v1/customers/") + id + "/consents", shop_,
                  R"({"channel":"email","status":"granted","basis":"consent",)"
                  R"("confirmed_at":"2025-01-02T10:00:00+01:00","source":"form"})");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
  }
  auto r = Send("GET", "/api/v1/plan?date=2025-12-01&limit=2", analyst_);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto page = json::parse(r->body);
  ASSERT_GT(page["planned"].get<int>(), 2);  // keep-in-touch for those who opted in
  EXPECT_EQ(page["contacts"].size(), 2u);
  EXPECT_EQ(page["next_offset"], 2);
  r = Send("GET", "/api/v1/plan?date=2025-12-01&limit=2&offset=2", analyst_);
  EXPECT_NE(json::parse(r->body)["contacts"][0]["customer_id"], page["contacts"][0]["customer_id"]);

  r = Send("GET", "/api/v1/plan?date=gestern", analyst_);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("\"date\""), std::string::npos) << r->body;
  r = Send("GET", "/api/v1/plan?segment=Nope", analyst_);
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("\"segment\""), std::string::npos) << r->body;
  r = Send("GET", "/api/v1/plan", shop_);
  EXPECT_EQ(r->status, 403);
  r = Send("POST", "/api/v1/orders/NOPE/problems", shop_, R"({"problem":"lost"})");
  EXPECT_EQ(r->status, 404) << r->body;
  r = Send("POST", "/api/v1/orders/O1-1/problems", shop_, R"({"note":"?"})");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("problem"), std::string::npos) << r->body;
}

}  // namespace
}  // namespace retain::api
