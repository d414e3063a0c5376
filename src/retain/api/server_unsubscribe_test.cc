// The unsubscribe link over HTTP: no key needed, the objection recorded at
// once (and once), the page in the customer's language, forged links refused.
#include "retain/api/api_test_server.h"
#include "retain/app/link_tokens.h"

namespace retain::api {
namespace {

class UnsubscribeApiTest : public ApiServerTest {
 protected:
  // A link as `retain send` puts it into a message to C01.
  std::string Token(const std::string& language) {
    auto store = storage::OpenStore(db_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto key = app::LinkKey(**store);
    EXPECT_TRUE((*store)->Commit().ok());
    return app::SignLink(*key, {.purpose = "u",
                                .customer_id = "C01",
                                .channel = "email",
                                .language = language,
                                .contact_id = 7});
  }
};

TEST_F(UnsubscribeApiTest, OpeningTheLinkRecordsTheObjectionAtOnce) {
  auto r = Send("POST", "/api/v1/customers/C01/consents", shop_,
                R"({"channel":"email","status":"granted","basis":"consent","source":"form"})");
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string token = Token("en");
  r = Send("GET", "/u/" + token, "");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("<html lang=\"en\""), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("You are unsubscribed"), std::string::npos);

  r = Send("GET", "/api/v1/customers/C01/consents?history=true", analyst_);
  auto view = json::parse(r->body);
  EXPECT_EQ(view["consents"][0]["channel"], "email");
  EXPECT_EQ(view["consents"][0]["status"], "revoked");
  EXPECT_EQ(view["consents"][0]["source"], "unsubscribe");
  ASSERT_EQ(view["history"].size(), 2u);

  // The mail program's one click, and a second visit: confirmed, nothing new.
  r = Send("POST", "/u/" + token, "", "List-Unsubscribe=One-Click");
  EXPECT_EQ(r->status, 200);
  r = Send("GET", "/api/v1/customers/C01/consents?history=true", analyst_);
  EXPECT_EQ(json::parse(r->body)["history"].size(), 2u);
}

TEST_F(UnsubscribeApiTest, ConfirmsInGermanAndRefusesForgedLinks) {
  auto r = Send("GET", "/api/v1/customers/C02/consents?history=true", analyst_);
  const auto before = json::parse(r->body)["history"].size();
  r = Send("GET", "/u/" + Token("de"), "");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("Sie sind abgemeldet"), std::string::npos);

  std::string forged = Token("de");
  forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
  r = Send("GET", "/u/" + forged, "");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Dieser Link ist ungültig"), std::string::npos);
  const std::string other = app::SignLink(
      std::string(64, 'a'), {.purpose = "u", .customer_id = "C02", .channel = "email"});
  r = Send("GET", "/u/" + other, "");
  EXPECT_EQ(r->status, 400);
  r = Send("GET", "/api/v1/customers/C02/consents?history=true", analyst_);
  EXPECT_EQ(json::parse(r->body)["history"].size(), before);
}

}  // namespace
}  // namespace retain::api
