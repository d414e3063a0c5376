// A person's rights over HTTP: admins only, the export, the erasure.
#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

class GdprApiTest : public ApiServerTest {};

TEST_F(GdprApiTest, AdminsExportAndEraseAPerson) {
  auto r = Send("GET", "/api/v1/customers/C01/export", analyst_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = Send("GET", "/api/v1/customers/C01/export", admin_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto doc = json::parse(r->body);
  EXPECT_EQ(doc["customer"]["customer_id"], "C01");
  EXPECT_FALSE(doc["orders"].empty());

  r = Send("DELETE", "/api/v1/customers/C01", shop_);
  EXPECT_EQ(r->status, 403);
  r = Send("DELETE", "/api/v1/customers/C01", admin_);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto erased = json::parse(r->body);
  EXPECT_EQ(erased["customer_id"], "C01");
  r = Send("GET", "/api/v1/customers/C01", admin_);
  EXPECT_EQ(r->status, 404);
  r = Send("GET", "/api/v1/customers/" + erased["pseudonym"].get<std::string>(), admin_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.find("\"first_name\":\"Anna\""), std::string::npos);
  r = Send("DELETE", "/api/v1/customers/C01", admin_);
  EXPECT_EQ(r->status, 404);
}

}  // namespace
}  // namespace retain::api
