// The dashboard's files over HTTP (built in, no key, ETag and 304, a strict
// Content-Security-Policy on the page, nothing outside the built-in files)
// and GET /api/v1/me, which tells the dashboard the key's role.
#include "retain/api/api_test_server.h"
#include "retain/api/web_assets.h"

namespace retain::api {
namespace {

class DashboardApiTest : public ApiServerTest {};

TEST_F(DashboardApiTest, ThePageNeedsNoKeyAndAllowsOnlyItsOwnScripts) {
  auto r = Send("GET", "/", "");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(r->body.find("src=\"/ui/app.js\""), std::string::npos);
  const std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(DashboardApiTest, EveryBuiltInFileIsServedWithItsTypeAndAnEtag) {
  bool chart_library = false;
  for (const WebAsset& a : WebAssets()) {
    auto r = Send("GET", "/ui/" + std::string(a.name), "");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << a.name;
    EXPECT_EQ(r->get_header_value("Content-Type"), a.content_type) << a.name;
    EXPECT_EQ(r->body, a.content) << a.name;
    const std::string etag = r->get_header_value("ETag");
    EXPECT_EQ(etag, a.etag);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
    // Unchanged since the browser's copy: 304 without a body.
    auto again = Send("GET", "/ui/" + std::string(a.name), "", "", {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304) << a.name;
    EXPECT_TRUE(again->body.empty());
    chart_library = chart_library || a.name == "uPlot.iife.min.js";
  }
  EXPECT_TRUE(chart_library) << "the chart library from npm is built in";
  EXPECT_GE(WebAssets().size(), 8u);
}

TEST_F(DashboardApiTest, NothingElseIsServed) {
  for (const std::string path :
       {"/ui/nothing.js", "/ui/..%2Fserver.cc", "/ui/.hidden", "/ui/%2Fetc%2Fpasswd"}) {
    auto r = Send("GET", path, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json") << path;
  }
  auto r = Send("POST", "/", "", "{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
}

TEST_F(DashboardApiTest, MeTellsTheKeysRoleButNeverTheKey) {
  for (const auto& [key, role] :
       {std::pair{admin_, "admin"}, std::pair{analyst_, "analyst"}, std::pair{shop_, "shop"}}) {
    auto r = Send("GET", "/api/v1/me", key);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    auto me = json::parse(r->body);
    EXPECT_EQ(me["role"], role);
    EXPECT_EQ(key.find(me["key_id"].get<std::string>()), 3u) << "rk_<id>_<secret>";
    EXPECT_EQ(r->body.find(key.substr(key.rfind('_') + 1)), std::string::npos) << "no secret";
  }
  auto r = Send("GET", "/api/v1/me", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Send("GET", "/api/v1/me", "rk_0123456789abcdef_nope");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
}

// The profile says whether the customer is in the Kunden-Club, so that the
// dashboard asks for a statement only when there is one.
TEST_F(DashboardApiTest, TheProfileSaysWhetherTheCustomerIsAMember) {
  auto r = Send("POST", "/api/v1/loyalty/members", shop_, R"({"customer_id":"C01"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  r = Send("GET", "/api/v1/customers/C01", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto member = json::parse(r->body)["loyalty"];
  EXPECT_EQ(member["member"], true);
  EXPECT_EQ(member["tier"], "Basis");
  EXPECT_TRUE(member["member_since"].is_string());
  r = Send("GET", "/api/v1/customers/C02", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(json::parse(r->body)["loyalty"].is_null());
}

}  // namespace
}  // namespace retain::api
