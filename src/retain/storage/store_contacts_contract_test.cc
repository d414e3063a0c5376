// The Store contract for consents, interactions, the audit log and the
// suppression list, on every backend.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "retain/storage/store_contract_fixture.h"

namespace retain::storage {
namespace {

class ContactsContract : public contract::StoreContract {
 protected:
  void SetUp() override {
    contract::StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store_->BeginWrite().ok());
    for (const char* id : {"K1", "K2"}) Upsert(contract::MakeCustomer(id));
    ASSERT_TRUE(store_->Commit().ok());
  }
  static ConsentRecord Consent(const std::string& customer, const std::string& channel,
                               const std::string& status, const std::string& basis,
                               const std::string& at) {
    return {customer, channel, status, basis, "api", at, "", "", "key:k1"};
  }
  static InteractionRecord Interaction(const std::string& customer, core::Day day,
                                       const std::string& kind, const std::string& ref) {
    return {customer,  day,
            kind,      "email",
            ref,       "{\"template\":\"" + kind + "\"}",
            "planned", "2026-11-24T06:00:00Z"};
  }
};

TEST_P(ContactsContract, ConsentsKeepTheirWholeHistory) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(
      store_->SaveConsent(Consent("K1", "email", "granted", "consent", "2026-01-02T10:00:00+01:00"))
          .ok());
  auto doi = Consent("K1", "sms", "granted", "double_opt_in", "2026-01-03T10:00:00+01:00");
  doi.confirmed_at = "2026-01-03T10:05:00+01:00";
  doi.proof = "token-'1\"";
  ASSERT_TRUE(store_->SaveConsent(doi).ok());
  ASSERT_TRUE(
      store_->SaveConsent(Consent("K1", "email", "revoked", "", "2026-02-01T09:00:00+01:00")).ok());
  ASSERT_TRUE(
      store_->SaveConsent(Consent("K2", "letter", "denied", "", "2026-02-02T09:00:00+01:00")).ok());
  auto unknown = store_->SaveConsent(Consent("K9", "email", "granted", "consent", "x"));
  EXPECT_EQ(unknown.code(), core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto current = store_->CustomerConsents("K1");
  ASSERT_TRUE(current.has_value()) << current.error().message();
  ASSERT_EQ(current->size(), 2u);
  EXPECT_EQ((*current)[0].channel, "email");
  EXPECT_EQ((*current)[0].status, "revoked");
  EXPECT_EQ((*current)[1].channel, "sms");
  EXPECT_EQ((*current)[1].proof, "token-'1\"");
  EXPECT_EQ((*current)[1].confirmed_at, "2026-01-03T10:05:00+01:00");
  EXPECT_EQ((*current)[1].actor, "key:k1");

  auto history = store_->ConsentHistory("K1");
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].status, "granted");
  EXPECT_EQ((*history)[2].status, "revoked");
  EXPECT_TRUE(store_->CustomerConsents("K9")->empty());

  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ScanConsents([&](const ConsentRecord& c) {
                    seen.push_back(c.customer_id + "/" + c.channel + "/" + c.status);
                  })
                  .ok());
  EXPECT_EQ(seen,
            (std::vector<std::string>{"K1/email/revoked", "K1/sms/granted", "K2/letter/denied"}));
}

TEST_P(ContactsContract, AnInteractionIsRecordedOnce) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K2", 20781, "birthday", "birthday:2026")).ok());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K1", 20790, "win_back", "win_back:x")).ok());
  ASSERT_TRUE(
      store_->SaveInteraction(Interaction("K1", 20780, "feedback_request", "order:O-1")).ok());
  // The same contact again: refused, and the transaction goes on.
  auto again = store_->SaveInteraction(Interaction("K1", 20790, "win_back", "win_back:x"));
  EXPECT_EQ(again.code(), core::Code::kAlreadyExists);
  EXPECT_EQ(store_->SaveInteraction(Interaction("K9", 20790, "win_back", "")).code(),
            core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto mine = store_->CustomerInteractions("K1");
  ASSERT_TRUE(mine.has_value()) << mine.error().message();
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].kind, "feedback_request");
  EXPECT_EQ((*mine)[1].detail, "{\"template\":\"win_back\"}");
  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ScanInteractions([&](const InteractionRecord& i) {
                    seen.push_back(i.customer_id + "/" + i.kind);
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"K1/feedback_request", "K1/win_back", "K2/birthday"}));
}

TEST_P(ContactsContract, AuditLogAndSuppressionList) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_
                    ->AppendAudit({0, "2026-11-24T06:00:0" + std::to_string(i) + "Z", "cli",
                                   i == 1 ? "erase" : "consent", i == 2 ? "K2" : "K1", "{}"})
                    .ok());
  }
  auto all = store_->AuditEntries("", 0, 10);
  ASSERT_TRUE(all.has_value()) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_LT((*all)[0].id, (*all)[1].id);
  EXPECT_EQ((*all)[1].action, "erase");
  auto k1 = store_->AuditEntries("K1", 0, 10);
  ASSERT_EQ(k1->size(), 2u);
  auto page = store_->AuditEntries("", (*all)[0].id, 1);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, (*all)[1].id);

  EXPECT_FALSE(*store_->IsSuppressed("h1"));
  ASSERT_TRUE(store_->AddSuppression("h1", "erased", "2026-11-24T06:00:00Z").ok());
  ASSERT_TRUE(store_->AddSuppression("h1", "erased", "2026-11-25T06:00:00Z").ok());
  EXPECT_TRUE(*store_->IsSuppressed("h1"));
  EXPECT_FALSE(*store_->IsSuppressed("h2"));
}

// The history cannot be rewritten, not even by hand (checked on SQLite's
// file directly; PostgreSQL has the same trigger in its migration).
TEST_P(ContactsContract, ConsentHistoryIsAppendOnly) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->SaveConsent(Consent("K1", "email", "granted", "consent", "t")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  if (location_.rfind("sqlite:", 0) != 0) return;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(location_.substr(7).c_str(), &db), SQLITE_OK);
  EXPECT_NE(
      sqlite3_exec(db, "UPDATE consent_events SET status = 'denied'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM consent_events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(store_->ConsentHistory("K1")->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactsContract, ::testing::ValuesIn(contract::kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace retain::storage
