// Sending a committed plan: emails once each, with the unsubscribe link and
// the customer's language; letters as a work list; a mail server that is
// away defers, a refused address fails with the reason; signed links.
#include "retain/app/message_send.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "retain/app/contact_plan_testing.h"
#include "retain/app/link_tokens.h"

namespace retain::app {
namespace {

struct SentEmail {
  std::string to, text;
};

class RecordingMailer final : public Mailer {
 public:
  core::Status Send(const std::string&, const std::string& to,
                    const std::string& message) override {
    ++calls;
    if (!fail_with.ok()) return fail_with;
    sent.push_back({to, message});
    return {};
  }
  core::Status fail_with;
  int calls = 0;
  std::vector<SentEmail> sent;
};

class MessageSendTest : public ContactPlanTest {
 protected:
  SendReport Send(Mailer* mailer, bool retry_failed = false, const std::string& offer_code = "",
                  bool email_export = false) {
    auto session = OpenAnalytics(path_);
    EXPECT_TRUE(session.has_value()) << session.error().message();
    SendSettings settings;
    settings.message.shop.name = "Schuhhaus Becker";
    settings.message.public_url = "https://club.example";
    settings.message.offer_code = offer_code;
    settings.from_address = "service@schuhhaus.example";
    settings.per_second = 1e6;
    settings.backoff_ms = 0;
    SendRequest request{.day = D("2026-11-24"),
                        .out_dir = (dir_ / "out").string(),
                        .email_export = email_export,
                        .retry_failed = retry_failed};
    auto r = SendPlan(*session->store, session->snapshot, settings, loyalty::DefaultProgram(),
                      request, mailer);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r.value_or(SendReport{});
  }
  int64_t Emails() {
    const auto plan = Plan("2026-11-24");
    Commit(plan);
    return plan.by_channel.contains("email") ? plan.by_channel.at("email") : 0;
  }
  std::string LinkKeyOfStore() {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto key = LinkKey(**store);
    EXPECT_TRUE((*store)->Commit().ok());
    return key.value_or("");
  }
};

TEST_F(MessageSendTest, SendsEachEmailOnceWithItsUnsubscribeLink) {
  const int64_t emails = Emails();
  ASSERT_GE(emails, 1);
  RecordingMailer mailer;
  const auto first = Send(&mailer);
  EXPECT_EQ(first.sent, emails);
  EXPECT_EQ(first.failed, 0);
  ASSERT_EQ(static_cast<int64_t>(mailer.sent.size()), emails);
  const auto& mail = mailer.sent[0];
  EXPECT_EQ(mail.to, "loyal@example.de");  // the win-back under the existing-customer privilege
  EXPECT_NE(mail.text.find("Content-Language: de"), std::string::npos);
  EXPECT_NE(mail.text.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
  const size_t at = mail.text.find("<https://club.example/u/");
  ASSERT_NE(at, std::string::npos) << mail.text;
  const size_t end = mail.text.find('>', at);
  const std::string token = mail.text.substr(at + 24, end - at - 24);
  auto claims = VerifyLink(LinkKeyOfStore(), "u", token, D("2026-11-24"));
  ASSERT_TRUE(claims.has_value()) << claims.error().message();
  EXPECT_EQ(claims->customer_id, "loyal");
  EXPECT_EQ(claims->channel, "email");
  EXPECT_EQ(claims->language, "de");

  // The other contacts went into work lists; nothing is sent twice.
  EXPECT_EQ(first.sent + first.exported, first.contacts);
  for (const auto& f : first.files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  const auto again = Send(&mailer);
  EXPECT_EQ(again.sent, 0);
  EXPECT_EQ(again.done_before, first.contacts);
  EXPECT_EQ(static_cast<int64_t>(mailer.sent.size()), emails);
}

TEST_F(MessageSendTest, AnAbsentServerDefersAndARefusedAddressFails) {
  const int64_t emails = Emails();
  ASSERT_GE(emails, 1);
  RecordingMailer down;
  down.fail_with = core::IoError("SMTP: could not connect");
  const auto deferred = Send(&down);
  EXPECT_EQ(deferred.sent, 0);
  EXPECT_EQ(deferred.deferred, emails);
  EXPECT_EQ(down.calls, 3);  // the retries of the first email, then no more

  RecordingMailer refusing;
  refusing.fail_with = core::InvalidArgument("SMTP: 550 no such user");
  const auto failed = Send(&refusing);
  EXPECT_EQ(failed.failed, emails);
  ASSERT_FALSE(failed.failures.empty());
  EXPECT_NE(failed.failures[0].reason.find("550"), std::string::npos);

  RecordingMailer working;
  EXPECT_EQ(Send(&working).sent, 0);                              // failed stays failed...
  EXPECT_EQ(Send(&working, /*retry_failed=*/true).sent, emails);  // ...unless asked
}

// "loyal" is no Kunden-Club member: the win-back's voucher is the shop's
// own code, or no offer at all rather than one the till cannot take.
TEST_F(MessageSendTest, NoVoucherOfferWithoutACodeToRedeem) {
  ASSERT_GE(Emails(), 1);
  RecordingMailer mailer;
  Send(&mailer);
  ASSERT_FALSE(mailer.sent.empty());
  EXPECT_EQ(mailer.sent[0].text.find("10,00"), std::string::npos) << mailer.sent[0].text;
}

TEST_F(MessageSendTest, TheShopsCodeForCustomersOutsideTheClub) {
  ASSERT_GE(Emails(), 1);
  RecordingMailer mailer;
  Send(&mailer, /*retry_failed=*/false, "WIEDERDA10");
  ASSERT_FALSE(mailer.sent.empty());
  EXPECT_NE(mailer.sent[0].text.find("10,00"), std::string::npos) << mailer.sent[0].text;
  EXPECT_NE(mailer.sent[0].text.find("WIEDERDA10"), std::string::npos);
}

// An earlier run's work list of the day is never overwritten.
TEST_F(MessageSendTest, EmailsExportedIntoANewListBesideAnEarlierOne) {
  const int64_t emails = Emails();
  ASSERT_GE(emails, 1);
  std::filesystem::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "email-2026-11-24.csv") << "from an earlier run\n";
  const auto r = Send(nullptr, false, "", /*email_export=*/true);
  EXPECT_EQ(r.sent, 0);
  EXPECT_EQ(r.by_channel.at("email"), emails);
  const auto list = (dir_ / "out" / "email-2026-11-24-2.csv").string();
  EXPECT_NE(std::find(r.files.begin(), r.files.end(), list), r.files.end());
  std::ifstream earlier(dir_ / "out" / "email-2026-11-24.csv");
  std::string line;
  std::getline(earlier, line);
  EXPECT_EQ(line, "from an earlier run");
  std::ifstream exported(list);
  std::stringstream text;
  text << exported.rdbuf();
  EXPECT_NE(text.str().find("loyal@example.de"), std::string::npos);
}

TEST_F(MessageSendTest, EmailsNeedAMailServer) {
  ASSERT_GE(Emails(), 1);
  auto session = OpenAnalytics(path_);
  SendSettings settings;
  auto r = SendPlan(*session->store, session->snapshot, settings, loyalty::DefaultProgram(),
                    {.day = D("2026-11-24"), .out_dir = (dir_ / "out").string()}, nullptr);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("[contact.smtp]"), std::string::npos);
}

TEST(LinkTokens, RefuseForgedAlteredExpiredAndOtherPurposes) {
  const std::string key(64, 'a'), other(64, 'b');
  const LinkClaims c{.purpose = "f",
                     .customer_id = "K-7",
                     .channel = "email",
                     .language = "en",
                     .contact_id = 9,
                     .expires = 100};
  const std::string t = SignLink(key, c);
  auto ok = VerifyLink(key, "f", t, 100);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->customer_id, "K-7");
  EXPECT_EQ(ok->contact_id, 9);
  EXPECT_FALSE(VerifyLink(other, "f", t, 100).has_value());  // another database's key
  EXPECT_FALSE(VerifyLink(key, "u", t, 100).has_value());    // not an unsubscribe link
  EXPECT_EQ(VerifyLink(key, "f", t, 101).error().message(), "the link has expired");
  std::string altered = t;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyLink(key, "f", altered, 100).has_value());
  EXPECT_FALSE(VerifyLink(key, "f", "nonsense", 100).has_value());
  EXPECT_FALSE(VerifyLink(key, "f", "", 100).has_value());
}

}  // namespace
}  // namespace retain::app
