// The Store contract for the Kunden-Club's records, on every backend.
#include <gtest/gtest.h>

#include "retain/storage/store_contract_fixture.h"

namespace retain::storage {
namespace {

class LoyaltyContract : public contract::StoreContract {
 protected:
  void SetUp() override {
    contract::StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store_->BeginWrite().ok());
    for (const char* id : {"K1", "K2", "K3"}) Upsert(contract::MakeCustomer(id));
    ASSERT_TRUE(store_->Commit().ok());
  }
  static LoyaltyMemberRecord Member(const std::string& id, int64_t last_seq = 0) {
    return {id, "2026-01-02T10:00:00Z", 20455, "", "Basis", 20455, 20455, last_seq};
  }
  static LoyaltyEntryRecord Entry(int64_t seq, const std::string& kind, int64_t points,
                                  const std::string& reference) {
    return {seq, kind, 20460, points, reference, 20460, 21914, "2026-01-07T10:00:00Z"};
  }
};

TEST_P(LoyaltyContract, MembersAndTheirLedgerRoundTrip) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto none = store_->FindLoyaltyMember("K1", true);
  ASSERT_TRUE(none.has_value()) << none.error().message();
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(store_->SaveLoyaltyMember(Member("K1")).ok());
  ASSERT_TRUE(store_->SaveLoyaltyMember(Member("K2")).ok());
  const std::vector<LoyaltyEntryRecord> entries = {Entry(1, "earn", 120, "O-1"),
                                                   Entry(2, "bonus", 100, "birthday 2026"),
                                                   Entry(3, "redeem", 200, "R-'1\"")};
  ASSERT_TRUE(store_->AppendLoyaltyEntries("K1", entries).ok());
  ASSERT_TRUE(store_->AppendLoyaltyEntries("K2", std::span(entries).first(1)).ok());
  auto m = Member("K1", 3);
  m.tier = "Silber";
  m.tier_held_until = 20820;
  ASSERT_TRUE(store_->SaveLoyaltyMember(m).ok());
  ASSERT_TRUE(store_->Commit().ok());

  auto found = store_->FindLoyaltyMember("K1", false);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->tier, "Silber");
  EXPECT_EQ((*found)->tier_held_until, 20820);
  EXPECT_EQ((*found)->last_seq, 3);
  EXPECT_EQ((*found)->enrolled_at, "2026-01-02T10:00:00Z");  // kept by the update

  auto all = store_->LoyaltyEntries("K1", 0, 0);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].reference, "R-'1\"");
  EXPECT_EQ((*all)[0].expires_after, 21914);
  auto page = store_->LoyaltyEntries("K1", 1, 1);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].seq, 2);
  EXPECT_EQ((*page)[0].kind, "bonus");

  std::vector<std::string> scanned;
  ASSERT_TRUE(store_
                  ->ScanLoyaltyEntries([&](const std::string& c, const LoyaltyEntryRecord& e) {
                    scanned.push_back(c + "#" + std::to_string(e.seq));
                  })
                  .ok());
  EXPECT_EQ(scanned, (std::vector<std::string>{"K1#1", "K1#2", "K1#3", "K2#1"}));
  std::vector<std::string> members;
  ASSERT_TRUE(store_
                  ->ScanLoyaltyMembers(
                      [&](const LoyaltyMemberRecord& r) { members.push_back(r.customer_id); })
                  .ok());
  EXPECT_EQ(members, (std::vector<std::string>{"K1", "K2"}));
}

TEST_P(LoyaltyContract, EntriesAreAppendOnlyAndMembersMustBeCustomers) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  EXPECT_EQ(store_->SaveLoyaltyMember(Member("nobody")).code(), core::Code::kNotFound);
  ASSERT_TRUE(store_->SaveLoyaltyMember(Member("K1")).ok());
  ASSERT_TRUE(store_->AppendLoyaltyEntries("K1", std::vector{Entry(1, "earn", 5, "O-1")}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->BeginWrite().ok());
  // The same seq twice is refused, and the transaction must be rolled back.
  EXPECT_FALSE(store_->AppendLoyaltyEntries("K1", std::vector{Entry(1, "earn", 7, "O-2")}).ok());
  store_->Rollback();
  auto entries = store_->LoyaltyEntries("K1", 0, 0);
  ASSERT_TRUE(entries.has_value());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].points, 5);
}

TEST_P(LoyaltyContract, PurchasesReturnsVouchersAndRequests) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->SaveLoyaltyMember(Member("K1")).ok());
  ASSERT_TRUE(store_->SaveLoyaltyPurchase({"O-1", "K1", 20460, 10000, 100, 0}).ok());
  ASSERT_TRUE(store_->SaveLoyaltyPurchase({"O-2", "guest", 20461, 500, 0, 0}).ok());
  ASSERT_TRUE(store_->SaveLoyaltyReturn({"R-1", "O-1", 2500, 25}).ok());
  ASSERT_TRUE(store_->SaveLoyaltyReturn({"R-2", "O-1", 1000, 10}).ok());
  VoucherRecord v{"ABCD-EFGH",           "K1", "Q-1", 500, 500, "EUR", 20460, 20825, "issued", "",
                  "2026-01-07T10:00:00Z"};
  ASSERT_TRUE(store_->SaveVoucher(v).ok());
  ASSERT_TRUE(store_->SaveLoyaltyRequest({"purchase", "O-1", "h1", "{\"points\":100}", "t"}).ok());
  EXPECT_EQ(store_->SaveLoyaltyRequest({"purchase", "O-1", "h2", "{}", "t"}).code(),
            core::Code::kAlreadyExists);
  ASSERT_TRUE(store_->Commit().ok());

  auto p = store_->FindLoyaltyPurchase("O-1");
  ASSERT_TRUE(p.has_value() && p->has_value());
  EXPECT_EQ((*p)->points, 100);
  EXPECT_EQ((*p)->returned_cents, 3500);
  EXPECT_EQ((*store_->FindLoyaltyPurchase("O-2"))->customer_id, "guest");
  EXPECT_FALSE(store_->FindLoyaltyPurchase("O-9")->has_value());

  ASSERT_TRUE(store_->BeginWrite().ok());
  v.state = "used";
  v.order_id = "O-7";
  v.changed_at = "2026-02-01T09:00:00Z";
  ASSERT_TRUE(store_->SaveVoucher(v).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto found = store_->FindVoucher("ABCD-EFGH");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->state, "used");
  EXPECT_EQ((*found)->order_id, "O-7");
  EXPECT_EQ((*found)->customer_id, "K1");
  EXPECT_EQ((*found)->expires_day, 20825);
  EXPECT_FALSE(store_->FindVoucher("abcd-efgh")->has_value());
  int vouchers = 0;
  ASSERT_TRUE(store_->ScanVouchers("K2", [&](const VoucherRecord&) { ++vouchers; }).ok());
  EXPECT_EQ(vouchers, 0);
  ASSERT_TRUE(store_->ScanVouchers("", [&](const VoucherRecord&) { ++vouchers; }).ok());
  EXPECT_EQ(vouchers, 1);

  auto req = store_->FindLoyaltyRequest("purchase", "O-1");
  ASSERT_TRUE(req.has_value() && req->has_value());
  EXPECT_EQ((*req)->request_hash, "h1");
  EXPECT_EQ((*req)->answer, "{\"points\":100}");
  EXPECT_FALSE(store_->FindLoyaltyRequest("return", "O-1")->has_value());

  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ScanLoyaltyPurchases(
                      [&](const LoyaltyPurchaseRecord& r) { seen.push_back(r.order_id); })
                  .ok());
  ASSERT_TRUE(
      store_->ScanLoyaltyReturns([&](const LoyaltyReturnRecord& r) { seen.push_back(r.return_id); })
          .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"O-1", "O-2", "R-1", "R-2"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, LoyaltyContract, ::testing::ValuesIn(contract::kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace retain::storage
