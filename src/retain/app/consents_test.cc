// Consents on a real (SQLite) store: recording, the history, the audit log,
// and which consent counts when the import and retain disagree.
#include "retain/app/consents.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

using contact::Channel;
using contact::ConsentStatus;

storage::ConsentRecord Recorded(const char* channel, const char* status, const char* basis) {
  return {"anna", channel, status, basis, "api", "2026-03-01T10:00:00+01:00", "", "", "cli"};
}

TEST(EffectiveConsents, AnObjectionWinsOverALaterImport) {
  model::ChannelConsents imported;
  imported.email = model::ConsentState::kGranted;  // the shop still says yes
  auto c = EffectiveConsents(imported, {Recorded("email", "revoked", "")});
  EXPECT_EQ(c[0].status, ConsentStatus::kRevoked);
  EXPECT_EQ(c[0].source, "api");
}

TEST(EffectiveConsents, AnImportedRefusalWinsOverARecordedConsent) {
  model::ChannelConsents imported;
  imported.sms = model::ConsentState::kDenied;
  auto c = EffectiveConsents(imported, {Recorded("sms", "granted", "consent")});
  EXPECT_EQ(c[static_cast<size_t>(Channel::kSms)].status, ConsentStatus::kDenied);
  EXPECT_EQ(c[static_cast<size_t>(Channel::kSms)].source, "import");
}

TEST(EffectiveConsents, RecordedThenImportedThenUnknown) {
  model::ChannelConsents imported;
  imported.email = model::ConsentState::kGranted;
  imported.letter = model::ConsentState::kGranted;
  auto c = EffectiveConsents(imported, {Recorded("email", "granted", "double_opt_in")});
  EXPECT_EQ(c[0].basis, contact::LegalBasis::kDoubleOptIn);
  EXPECT_EQ(c[static_cast<size_t>(Channel::kLetter)].source, "import");
  EXPECT_EQ(c[static_cast<size_t>(Channel::kLetter)].basis, contact::LegalBasis::kConsent);
  EXPECT_EQ(c[static_cast<size_t>(Channel::kPhone)].status, ConsentStatus::kUnknown);
}

class RecordConsentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_consents_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore((dir_ / "c.db").string(), storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->BeginWrite().ok());
    model::Customer c;
    c.external_id = "anna";
    c.consents.email = model::ConsentState::kGranted;
    ASSERT_TRUE(store_->UpsertCustomer(c).has_value());
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  core::Status Record(ConsentChange change) {
    change.customer_id = change.customer_id.empty() ? "anna" : change.customer_id;
    EXPECT_TRUE(store_->BeginWrite().ok());
    auto s = RecordConsent(*store_, change, "key:k1", "2026-11-24T08:00:00Z");
    if (s.ok()) {
      EXPECT_TRUE(store_->Commit().ok());
    } else {
      store_->Rollback();
    }
    return s;
  }
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(RecordConsentTest, RecordsWithHistoryAndAudit) {
  ASSERT_TRUE(Record({"", "email", "revoked", "", "unsubscribe", "", "", ""}).ok());
  ASSERT_TRUE(Record({"", "sms", "granted", "double_opt_in", "form", "2026-11-20T10:00:00+01:00",
                      "2026-11-20T10:03:00+01:00", "doi-1"})
                  .ok());
  auto view = ConsentsJson(*store_, "anna", true);
  ASSERT_TRUE(view.has_value()) << view.error().message();
  const auto& consents = (*view)["consents"];
  ASSERT_EQ(consents.size(), 4u);
  EXPECT_EQ(consents[0]["status"], "revoked");  // the import's "granted" is overruled
  EXPECT_EQ(consents[0]["actor"], "key:k1");
  EXPECT_EQ(consents[0]["changed_at"], "2026-11-24T08:00:00Z");
  EXPECT_EQ(consents[1]["basis"], "double_opt_in");
  EXPECT_EQ(consents[1]["changed_at"], "2026-11-20T10:00:00+01:00");
  EXPECT_EQ(consents[2]["status"], "unknown");
  EXPECT_EQ((*view)["history"].size(), 2u);
  auto audit = store_->AuditEntries("anna", 0, 10);
  ASSERT_TRUE(audit.has_value());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "consent");
  EXPECT_EQ((*audit)[0].actor, "key:k1");
}

TEST_F(RecordConsentTest, RefusesWhatTheLawDoesNotKnowAndChangesNothing) {
  auto field = [](const core::Status& s) { return s.message().substr(0, s.message().find(':')); };
  EXPECT_EQ(field(Record({"", "fax", "granted", "consent", "", "", "", ""})), "channel");
  EXPECT_EQ(field(Record({"", "email", "maybe", "consent", "", "", "", ""})), "status");
  EXPECT_EQ(field(Record({"", "email", "granted", "", "", "", "", ""})), "basis");
  EXPECT_EQ(field(Record({"", "sms", "granted", "uwg_7_3", "", "", "", ""})), "basis");
  EXPECT_EQ(field(Record({"", "email", "granted", "double_opt_in", "", "", "", ""})),
            "confirmed_at");
  EXPECT_EQ(field(Record({"", "email", "granted", "consent", "", "yesterday", "", ""})),
            "changed_at");
  EXPECT_EQ(Record({"bob", "email", "granted", "consent", "", "", "", ""}).code(),
            core::Code::kNotFound);
  EXPECT_TRUE(store_->ConsentHistory("anna")->empty());
  EXPECT_TRUE(store_->AuditEntries("", 0, 10)->empty());
}

}  // namespace
}  // namespace retain::app
