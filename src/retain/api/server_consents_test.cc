// Consents over HTTP: recording a change, the history, the roles, and
// problem+json naming the field.
#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

class ConsentApiTest : public ApiServerTest {};

TEST_F(ConsentApiTest, RecordsAnObjectionAndShowsTheHistory) {
  auto r = Send("POST", "/api/v1/customers/C01/consents", shop_,
                R"({"channel":"email","status":"granted","basis":"double_opt_in",)"
                R"("confirmed_at":"2026-11-20T10:03:00+01:00","proof":"doi-1","source":"form"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  r = Send("POST", "/api/v1/customers/C01/consents", shop_,
           R"({"channel":"email","status":"revoked","source":"phone"})");
  ASSERT_EQ(r->status, 201) << r->body;
  auto view = json::parse(r->body);
  EXPECT_EQ(view["consents"][0]["status"], "revoked");
  EXPECT_EQ(view["consents"][0]["source"], "phone");
  EXPECT_EQ(view["consents"][0]["actor"].get<std::string>().rfind("key:", 0), 0u);

  r = Send("GET", "/api/v1/customers/C01/consents?history=true", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  view = json::parse(r->body);
  ASSERT_EQ(view["history"].size(), 2u);
  EXPECT_EQ(view["history"][0]["basis"], "double_opt_in");
  EXPECT_EQ(view["history"][0]["proof"], "doi-1");
  EXPECT_EQ(view["history"][1]["status"], "revoked");
}

TEST_F(ConsentApiTest, RefusesBadChangesNamingTheField) {
  auto r = Send("POST", "/api/v1/customers/C01/consents", shop_,
                R"({"channel":"sms","status":"granted","basis":"uwg_7_3"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_NE(r->body.find("\"basis\""), std::string::npos) << r->body;
  r = Send("POST", "/api/v1/customers/C01/consents", shop_,
           R"({"channel":"email","status":"granted","basis":"consent","colour":"red"})");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("colour"), std::string::npos) << r->body;
  r = Send("POST", "/api/v1/customers/NOPE/consents", shop_,
           R"({"channel":"email","status":"revoked"})");
  EXPECT_EQ(r->status, 404) << r->body;
  // Analysts read, they do not record.
  r = Send("POST", "/api/v1/customers/C01/consents", analyst_,
           R"({"channel":"email","status":"revoked"})");
  EXPECT_EQ(r->status, 403);
  r = Send("GET", "/api/v1/customers/C01/consents", analyst_);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["consents"][0]["status"], "unknown");
  EXPECT_FALSE(json::parse(r->body).contains("history"));
}

}  // namespace
}  // namespace retain::api
