// Replaying a member's ledger: lots, balances, debt and the rules a stored
// ledger must keep.
#include "retain/loyalty/ledger.h"

#include <gtest/gtest.h>

namespace retain::loyalty {
namespace {

core::Day D(const char* text) { return *core::ParseDate(text); }

// Builds a member's transfers with ascending sequence numbers.
class Book {
 public:
  Book& Earn(const char* day, int64_t points, const std::string& order,
             const char* available = nullptr, const char* expires = "2028-12-31") {
    return Add({0, TransferKind::kEarn, D(day), points, order, D(available ? available : day),
                D(expires)});
  }
  Book& Bonus(const char* day, int64_t points, const std::string& reason) {
    return Add({0, TransferKind::kBonus, D(day), points, reason, D(day), D("2028-12-31")});
  }
  Book& Reverse(const char* day, int64_t points, const std::string& order) {
    return Add({0, TransferKind::kReverse, D(day), points, order, 0, 0});
  }
  Book& Redeem(const char* day, int64_t points, const std::string& request) {
    return Add({0, TransferKind::kRedeem, D(day), points, request, 0, 0});
  }
  Book& Restore(const char* day, int64_t points, const std::string& request) {
    return Add({0, TransferKind::kRestore, D(day), points, request, 0, 0});
  }
  Book& Expire(const char* day, int64_t points, int64_t lot_seq) {
    return Add({0, TransferKind::kExpire, D(day), points, std::to_string(lot_seq), 0, 0});
  }
  Book& Add(Transfer t) {
    t.seq = static_cast<int64_t>(transfers.size()) + 1;
    transfers.push_back(std::move(t));
    return *this;
  }
  std::vector<Transfer> transfers;
};

// What must hold after any replay: the accounts sum to zero, the member's
// account is the balance, and the balance is the lots' points less the debt.
void ExpectConsistent(const MemberLedger& m) {
  int64_t sum = 0;
  for (Account a : {Account::kMember, Account::kIssued, Account::kRedeemed, Account::kReversed,
                    Account::kExpired}) {
    sum += m.AccountBalance(a);
  }
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(m.AccountBalance(Account::kMember), m.Balance());
  int64_t remaining = 0;
  for (const auto& l : m.lots()) remaining += l.remaining;
  EXPECT_EQ(remaining - m.Debt(), m.Balance());
}

TEST(Ledger, SpendsOldestFirstAndNeverOverdraws) {
  Book b;
  b.Earn("2025-01-10", 300, "O1").Earn("2025-03-10", 400, "O2").Redeem("2025-04-01", 500, "R1");
  auto m = Replay(b.transfers);
  ASSERT_TRUE(m.has_value()) << m.error().message();
  ExpectConsistent(*m);
  EXPECT_EQ(m->Balance(), 200);
  EXPECT_EQ(m->lots()[0].remaining, 0);  // the older lot went first
  EXPECT_EQ(m->lots()[1].remaining, 200);
  EXPECT_EQ(m->AccountBalance(Account::kIssued), -700);
  EXPECT_EQ(m->AccountBalance(Account::kRedeemed), 500);

  b.Redeem("2025-04-02", 500, "R2");  // 200 left
  auto over = Replay(b.transfers);
  ASSERT_FALSE(over.has_value());
  EXPECT_NE(over.error().message().find("200 available"), std::string::npos);
}

TEST(Ledger, PendingPointsCannotBeSpentUntilTheReturnWindowHasPassed) {
  Book b;
  b.Earn("2025-05-01", 600, "O1", "2025-05-15");
  auto m = Replay(b.transfers);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->Pending(D("2025-05-14")), 600);
  EXPECT_EQ(m->Available(D("2025-05-14")), 0);
  EXPECT_EQ(m->Available(D("2025-05-15")), 600);
  EXPECT_FALSE(Replay(Book(b).Redeem("2025-05-10", 500, "R1").transfers).has_value());
  EXPECT_TRUE(Replay(Book(b).Redeem("2025-05-15", 500, "R1").transfers).has_value());
}

TEST(Ledger, AReturnTakesFromItsOwnOrderFirstAndMayLeaveADebt) {
  Book b;
  b.Earn("2025-01-10", 300, "O1").Earn("2025-02-10", 500, "O2").Reverse("2025-02-20", 200, "O2");
  auto m = Replay(b.transfers);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->lots()[0].remaining, 300);  // O1's lot untouched
  EXPECT_EQ(m->lots()[1].remaining, 300);
  ExpectConsistent(*m);

  // A return after the points were redeemed: the balance goes negative ...
  Book c;
  c.Earn("2025-01-10", 600, "O1").Redeem("2025-01-20", 500, "R1").Reverse("2025-01-25", 300, "O1");
  auto debt = Replay(c.transfers);
  ASSERT_TRUE(debt.has_value());
  EXPECT_EQ(debt->Balance(), -200);
  EXPECT_EQ(debt->Debt(), 200);
  EXPECT_EQ(debt->Available(D("2025-01-25")), 0);
  ExpectConsistent(*debt);
  // ... and later earnings pay the debt off first.
  c.Earn("2025-02-01", 250, "O2");
  auto paid = Replay(c.transfers);
  ASSERT_TRUE(paid.has_value());
  EXPECT_EQ(paid->Debt(), 0);
  EXPECT_EQ(paid->Balance(), 50);
  EXPECT_EQ(paid->Available(D("2025-02-01")), 50);
  ExpectConsistent(*paid);
}

TEST(Ledger, TiersCountPurchasePointsNetOfTheirReturns) {
  Book b;
  b.Earn("2024-12-20", 900, "O0")
      .Earn("2025-03-01", 700, "O1")
      .Bonus("2025-03-02", 500, "birthday")
      .Earn("2025-06-01", 400, "O2")
      .Reverse("2025-06-10", 100, "O1");
  auto m = Replay(b.transfers);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->EarnedBetween(D("2025-01-01"), D("2025-12-31")), 1000);  // 600 + 400, no bonus
  EXPECT_EQ(m->EarnedBetween(D("2024-01-01"), D("2025-12-31")), 1900);
  ExpectConsistent(*m);
}

TEST(Ledger, ACancelledVoucherRestoresItsPointsWithTheirExpiry) {
  Book b;
  b.Earn("2025-01-10", 500, "O1", nullptr, "2028-12-31")
      .Earn("2026-01-10", 500, "O2", nullptr, "2029-12-31")
      .Redeem("2026-02-01", 1000, "R1")
      .Restore("2026-02-03", 1000, "R1");
  auto m = Replay(b.transfers);
  ASSERT_TRUE(m.has_value()) << m.error().message();
  EXPECT_EQ(m->lots()[0].remaining, 500);
  EXPECT_EQ(m->lots()[1].remaining, 500);
  EXPECT_EQ(m->AccountBalance(Account::kRedeemed), 0);
  ExpectConsistent(*m);
  EXPECT_FALSE(Replay(Book(b).Restore("2026-02-04", 1, "R1").transfers).has_value());
  EXPECT_FALSE(Replay(Book(b).Restore("2026-02-04", 1, "R9").transfers).has_value());
}

TEST(Ledger, LotsExpireAfterTheirLastDay) {
  Book b;
  b.Earn("2025-06-01", 300, "O1", nullptr, "2028-12-31").Redeem("2026-01-05", 0 + 100, "X");
  auto before = Replay(b.transfers);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->Expiring(D("2028-12-15"), 30), 200);
  EXPECT_TRUE(before->ExpiredLots(D("2028-12-31")).empty());
  ASSERT_EQ(before->ExpiredLots(D("2029-01-01")).size(), 1u);
  EXPECT_FALSE(Replay(Book(b).Expire("2028-12-31", 200, 1).transfers).has_value());  // not due
  EXPECT_FALSE(Replay(Book(b).Expire("2029-01-01", 201, 1).transfers).has_value());  // too many
  auto after = Replay(Book(b).Expire("2029-01-01", 200, 1).transfers);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->Balance(), 0);
  EXPECT_EQ(after->AccountBalance(Account::kExpired), 200);
  EXPECT_TRUE(after->ExpiredLots(D("2029-01-01")).empty());
  ExpectConsistent(*after);
}

TEST(Ledger, RefusesABrokenLedger) {
  Book twice;
  twice.Earn("2025-01-10", 100, "O1").Earn("2025-01-11", 100, "O1");
  EXPECT_FALSE(Replay(twice.transfers).has_value());
  Book over;
  over.Earn("2025-01-10", 100, "O1").Reverse("2025-01-11", 101, "O1");
  EXPECT_NE(Replay(over.transfers).error().message().find("more than it earned"),
            std::string::npos);
  Book unknown;
  unknown.Reverse("2025-01-11", 1, "O9");
  EXPECT_FALSE(Replay(unknown.transfers).has_value());
  Book order;
  order.Earn("2025-01-10", 100, "O1").Earn("2025-01-11", 100, "O2");
  order.transfers[1].seq = 1;
  EXPECT_NE(Replay(order.transfers).error().message().find("ascend"), std::string::npos);
  Book zero;
  zero.Earn("2025-01-10", 0, "O1");
  EXPECT_FALSE(Replay(zero.transfers).has_value());
}

}  // namespace
}  // namespace retain::loyalty
