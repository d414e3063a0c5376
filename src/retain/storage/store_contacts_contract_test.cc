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

TEST_P(ContactsContract, ADaysContactsAreSentOnce) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K2", 20790, "birthday", "birthday:2026")).ok());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K1", 20790, "win_back", "win_back:x")).ok());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K1", 20791, "surprise", "s")).ok());
  ASSERT_TRUE(store_->Commit().ok());

  auto day = store_->InteractionsOn(20790);
  ASSERT_TRUE(day.has_value()) << day.error().message();
  ASSERT_EQ(day->size(), 2u);
  EXPECT_EQ((*day)[0].customer_id, "K2");
  EXPECT_EQ((*day)[1].kind, "win_back");
  EXPECT_LT((*day)[0].id, (*day)[1].id);
  const int64_t id = (*day)[0].id;

  ASSERT_TRUE(store_->BeginWrite().ok());
  auto taken = store_->SetInteractionStatus(id, "planned", "sending", "{\"attempts\":1}");
  ASSERT_TRUE(taken.has_value()) << taken.error().message();
  EXPECT_TRUE(*taken);
  // A second sender finds it taken.
  auto again = store_->SetInteractionStatus(id, "planned", "sending", "{}");
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  ASSERT_TRUE(
      store_->SetInteractionStatus(id, "sending", "sent", "{\"message_id\":\"m\"}").has_value());
  ASSERT_TRUE(store_->Commit().ok());
  auto after = store_->CustomerInteractions("K2");
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].status, "sent");
  EXPECT_EQ((*after)[0].detail, "{\"message_id\":\"m\"}");
  EXPECT_EQ((*after)[0].id, id);
}

TEST_P(ContactsContract, RecentOrdersWithTheirStatus) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto late = contract::MakeOrder("O-1", "K1", 20780, 1000);
  late.status = "delayed";
  auto old = contract::MakeOrder("O-2", "K2", 20700, 1000);
  auto paid = contract::MakeOrder("O-3", "K2", 20785, 1000);
  paid.status = "paid";
  auto none = contract::MakeOrder("O-4", "K2", 20780, 1000);
  for (const auto& o : {late, old, paid, none}) ASSERT_TRUE(store_->UpsertOrder(o).has_value());
  ASSERT_TRUE(store_->Commit().ok());

  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ScanOrdersBetween(20750, 20785,
                                      [&](const OrderStatusFact& o) {
                                        seen.push_back(o.customer_id + "/" + o.order_id + "/" +
                                                       o.status + "/" + std::to_string(o.day));
                                      })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"K1/O-1/delayed/20780", "K2/O-4//20780",
                                            "K2/O-3/paid/20785"}));
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

TEST_P(ContactsContract, ErasingKeepsTheFiguresUnderAPseudonym) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->UpsertOrder(contract::MakeOrder("O-E1", "K1", 20500, 4990)).has_value());
  ASSERT_TRUE(store_->SaveInteraction(Interaction("K1", 20780, "birthday", "birthday:2026")).ok());
  ASSERT_TRUE(store_->SaveConsent(Consent("K1", "email", "granted", "consent", "t")).ok());
  ASSERT_TRUE(store_->AppendAudit({0, "2026-11-24T06:00:00Z", "cli", "consent", "K1", "{}"}).ok());
  auto erased = store_->EraseCustomer("K1", "erased-1");
  auto unknown = store_->EraseCustomer("K9", "erased-2");
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(erased.has_value()) << erased.error().message();
  EXPECT_TRUE(*erased);
  EXPECT_FALSE(*unknown);

  EXPECT_FALSE(*store_->CustomerExists("K1"));
  auto row = store_->FindCustomer("erased-1");
  ASSERT_TRUE(row.has_value() && row->has_value());
  EXPECT_EQ((*row)->first_name, "");
  EXPECT_EQ((*row)->email, "");
  EXPECT_EQ((*row)->street, "");
  EXPECT_FALSE((*row)->birth_date.has_value());
  EXPECT_TRUE((*row)->attributes.empty());
  auto orders = store_->CustomerOrders("erased-1");
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].order.total_minor, 4990);
  auto contacts = store_->CustomerInteractions("erased-1");
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ((*contacts)[0].detail, "");
  EXPECT_EQ(store_->ConsentHistory("erased-1")->size(), 1u);
  EXPECT_EQ(store_->AuditEntries("erased-1", 0, 10)->size(), 1u);
  EXPECT_TRUE(store_->AuditEntries("K1", 0, 10)->empty());
  // A new customer may take the old id; it is somebody else.
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(contract::MakeCustomer("K1"));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_TRUE(store_->CustomerOrders("K1")->empty());
}

TEST_P(ContactsContract, AMetaValueIsKeptOnceStored) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto first = store_->KeepMetaValue("secret:links", "aaa");
  auto second = store_->KeepMetaValue("secret:links", "bbb");
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ(*first, "aaa");
  ASSERT_TRUE(second.has_value()) << second.error().message();
  EXPECT_EQ(*second, "aaa");
  EXPECT_NE(*store_->DatabaseId(), "aaa");
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
