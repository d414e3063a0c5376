// Scenario tests of the Kunden-Club on a real (SQLite) store: every rule of
// the program, and after every scenario the invariant check must pass.
#include "retain/app/loyalty_club.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;
core::Day D(const char* text) { return *core::ParseDate(text); }

class LoyaltyClubTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(loyalty::DefaultProgram()); }
  void Open(loyalty::LoyaltyProgram program) {
    club_ = std::make_unique<LoyaltyClub>(std::move(program));
    if (store_) return;
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_loyalty_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore((dir_ / "club.db").string(), storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->BeginWrite().ok());
    for (const char* id : {"anna", "ben", "cara", "dora"}) {
      model::Customer c;
      c.external_id = id;
      if (std::string(id) == "cara") c.birth_date = D("1990-07-14");
      ASSERT_TRUE(store_->UpsertCustomer(c).has_value());
    }
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    if (store_ && !HasFailure()) {
      auto check = club_->Check(*store_);
      ASSERT_TRUE(check.has_value()) << check.error().message();
      EXPECT_TRUE((*check)["ok"].get<bool>()) << check->dump(2);
    }
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Runs one write in its own transaction, as the server's batcher would.
  template <class Fn>
  core::Result<LoyaltyAnswer> Write(Fn fn) {
    EXPECT_TRUE(store_->BeginWrite().ok());
    auto a = fn(*store_);
    if (!a && (a.error().code() == core::Code::kIo || a.error().code() == core::Code::kInternal)) {
      store_->Rollback();
    } else {
      EXPECT_TRUE(store_->Commit().ok());
    }
    return a;
  }
  json Ok(const core::Result<LoyaltyAnswer>& a) {
    EXPECT_TRUE(a.has_value()) << a.error().message();
    return a ? a->json : json();
  }
  core::Result<LoyaltyAnswer> Enroll(const std::string& id, const char* day,
                                     const std::string& referred_by = "") {
    return Write([&](storage::Store& s) {
      return club_->Enroll(s, {id, D(day), referred_by}, kNow);
    });
  }
  core::Result<LoyaltyAnswer> Buy(const std::string& order, const std::string& id, int64_t cents,
                                  const char* day, std::vector<loyalty::BasketLine> lines = {}) {
    PurchaseRequest r{order, id, cents, "EUR", "store", "B1", D(day), std::move(lines)};
    return Write([&](storage::Store& s) { return club_->Purchase(s, r, kNow); });
  }
  core::Result<LoyaltyAnswer> Return(const std::string& ret, const std::string& order,
                                     int64_t cents, const char* day) {
    return Write([&](storage::Store& s) {
      return club_->Return(s, {ret, order, cents, D(day)}, kNow);
    });
  }
  core::Result<LoyaltyAnswer> Redeem(const std::string& req, const std::string& id, int64_t points,
                                     const char* day) {
    return Write([&](storage::Store& s) {
      return club_->Redeem(s, {req, id, points, D(day)}, kNow);
    });
  }
  json Member(const std::string& id, const char* day) {
    auto m = club_->Member(*store_, id, D(day));
    EXPECT_TRUE(m.has_value()) << m.error().message();
    return m ? *m : json();
  }

  static constexpr const char* kNow = "2026-11-24T10:00:00Z";
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<LoyaltyClub> club_;
};

TEST_F(LoyaltyClubTest, NonMembersEarnNothingMembersStartAtBasis) {
  auto guest = Ok(Buy("O-0", "anna", 5000, "2026-03-01"));
  EXPECT_FALSE(guest["member"].get<bool>());
  EXPECT_EQ(guest["points_earned"], 0);
  auto joined = Enroll("anna", "2026-03-02");
  ASSERT_TRUE(joined.has_value());
  EXPECT_TRUE(joined->created);
  EXPECT_EQ(joined->json["tier"], "Basis");
  EXPECT_EQ(joined->json["points_available"], 0);
  EXPECT_EQ(joined->json["next_tier"], "Silber");
  EXPECT_EQ(joined->json["points_to_next_tier"], 1000);
  auto again = Enroll("anna", "2026-03-05");
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->json["member_since"], "2026-03-02");
  EXPECT_EQ(Enroll("nobody", "2026-03-02").error().code(), core::Code::kNotFound);
  // A return of the guest purchase takes nothing back.
  EXPECT_EQ(Ok(Return("R-0", "O-0", 5000, "2026-03-06"))["points_reversed"], 0);
}

TEST_F(LoyaltyClubTest, OnePointPerFullEuroAndTheTierBonusOnTop) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  EXPECT_EQ(Ok(Buy("O-1", "anna", 99999, "2026-01-05"))["points_earned"], 999);  // Basis
  auto up = Ok(Buy("O-2", "anna", 10000, "2026-01-06"));  // crosses 1,000: still Basis rate
  EXPECT_EQ(up["points_earned"], 100);
  EXPECT_EQ(up["tier"], "Silber");
  EXPECT_TRUE(up["tier_changed"].get<bool>());
  auto silber = Ok(Buy("O-3", "anna", 10000, "2026-01-07"));
  EXPECT_EQ(silber["points_earned"], 110);  // 100.00 EUR at Silber
  EXPECT_EQ(silber["points_available"], 999 + 100 + 110);
  auto m = Member("anna", "2026-01-08");
  EXPECT_EQ(m["tier"], "Silber");
  EXPECT_EQ(m["tier_held_until"], "2027-01-06");
  EXPECT_EQ(m["points_earned_12m"], 1209);
  EXPECT_EQ(m["points_to_next_tier"], 3000 - 1209);
  // Gold brings its benefits.
  auto gold = Ok(Buy("O-4", "anna", 200000, "2026-01-09"));
  EXPECT_EQ(gold["points_earned"], 2200);
  m = Member("anna", "2026-01-10");
  EXPECT_EQ(m["tier"], "Gold");
  EXPECT_EQ(m["benefits"].size(), 3u);
  EXPECT_TRUE(m["next_tier"].is_null());
}

TEST_F(LoyaltyClubTest, ATierHoldsTwelveMonthsThenFollowsTheWindow) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 120000, "2026-01-05").has_value());
  EXPECT_EQ(Member("anna", "2026-06-01")["tier"], "Silber");
  // The purchase leaves the window after a year, but the tier holds until 2027-01-05.
  EXPECT_EQ(Member("anna", "2027-01-05")["tier"], "Silber");
  auto job = club_->Recalc(*store_, D("2027-01-06"), kNow);
  ASSERT_TRUE(job.has_value()) << job.error().message();
  EXPECT_EQ(job->changed, 1);
  auto m = Member("anna", "2027-01-06");
  EXPECT_EQ(m["tier"], "Basis");
  EXPECT_EQ(m["points_available"], 1200);  // points outlive the tier
}

TEST_F(LoyaltyClubTest, RedeemUseAndCancelVouchers) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 120000, "2026-01-05").has_value());  // 1,200
  EXPECT_EQ(Redeem("Q-0", "anna", 450, "2026-02-01").error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(Redeem("Q-0", "anna", 1500, "2026-02-01").error().code(),
            core::Code::kFailedPrecondition);
  auto v = Ok(Redeem("Q-1", "anna", 1000, "2026-02-01"));
  EXPECT_EQ(v["voucher"]["value_cents"], 1000);
  EXPECT_EQ(v["voucher"]["expires_at"], "2027-02-01");
  EXPECT_EQ(v["points_available"], 200);
  const std::string code = v["voucher"]["code"];
  EXPECT_EQ(code.size(), 19u);
  // The same redemption again: the same voucher, no second one.
  auto again = Redeem("Q-1", "anna", 1000, "2026-02-01");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->json["voucher"]["code"], code);
  EXPECT_EQ(Redeem("Q-1", "anna", 500, "2026-02-01").error().code(), core::Code::kAlreadyExists);

  auto use = [&](const std::string& c, const std::string& order, const char* day) {
    return Write([&](storage::Store& s) { return club_->UseVoucher(s, c, order, D(day), kNow); });
  };
  EXPECT_EQ(Ok(use(code, "O-9", "2026-02-10"))["state"], "used");
  EXPECT_TRUE(use(code, "O-9", "2026-02-10")->replayed);  // a retry of the same use
  EXPECT_EQ(use(code, "O-10", "2026-02-11").error().code(), core::Code::kFailedPrecondition);
  auto cancel = [&](const std::string& c, const char* day) {
    return Write([&](storage::Store& s) { return club_->CancelVoucher(s, c, D(day), kNow); });
  };
  EXPECT_EQ(cancel(code, "2026-02-12").error().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(use("NOPE", "O-1", "2026-02-10").error().code(), core::Code::kNotFound);

  // A cancelled voucher gives its points back, into their lots.
  ASSERT_TRUE(Buy("O-2", "anna", 30000, "2026-03-01").has_value());  // +330 at Silber
  auto v2 = Ok(Redeem("Q-2", "anna", 500, "2026-03-02"));
  const std::string code2 = v2["voucher"]["code"];
  EXPECT_EQ(v2["points_available"], 30);
  auto c2 = Ok(cancel(code2, "2026-03-02"));
  EXPECT_EQ(c2["state"], "cancelled");
  EXPECT_EQ(c2["points_available"], 530);
  EXPECT_TRUE(cancel(code2, "2026-03-02")->replayed);
  EXPECT_EQ(use(code2, "O-11", "2026-03-03").error().code(), core::Code::kFailedPrecondition);
  auto voucher = club_->Voucher(*store_, code2, D("2026-03-03"));
  ASSERT_TRUE(voucher.has_value());
  EXPECT_EQ((*voucher)["state"], "cancelled");
  // An unused voucher past its date is expired and cannot be used.
  auto v3 = Ok(Redeem("Q-3", "anna", 500, "2026-03-04"));
  EXPECT_EQ(use(v3["voucher"]["code"], "O-12", "2027-03-05").error().code(),
            core::Code::kFailedPrecondition);
}

TEST_F(LoyaltyClubTest, ReturnsTakeBackTheirShareRoundedAndAcrossPartialReturns) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 10000, "2026-01-05").has_value());  // 100 points
  EXPECT_EQ(Ok(Return("R-1", "O-1", 2500, "2026-01-10"))["points_reversed"], 25);
  EXPECT_EQ(Ok(Return("R-2", "O-1", 1250, "2026-01-11"))["points_reversed"], 13);  // 37.5 -> 38
  EXPECT_EQ(Ok(Return("R-3", "O-1", 1250, "2026-01-12"))["points_reversed"], 12);  // 50 in all
  auto too_much = Return("R-4", "O-1", 5001, "2026-01-13");
  EXPECT_EQ(too_much.error().code(), core::Code::kInvalidArgument);
  EXPECT_NE(too_much.error().message().find("amount_cents"), std::string::npos);
  EXPECT_EQ(Ok(Return("R-4", "O-1", 5000, "2026-01-13"))["points_available"], 0);
  EXPECT_EQ(Return("R-5", "O-404", 100, "2026-01-13").error().code(), core::Code::kNotFound);
  auto replay = Return("R-1", "O-1", 2500, "2026-01-10");
  ASSERT_TRUE(replay.has_value());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->json["points_reversed"], 25);
}

TEST_F(LoyaltyClubTest, AReturnAfterRedemptionLeavesADebtThatLaterPurchasesPay) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 60000, "2026-01-05").has_value());  // 600
  ASSERT_TRUE(Redeem("Q-1", "anna", 500, "2026-01-06").has_value());
  auto r = Ok(Return("R-1", "O-1", 60000, "2026-01-07"));
  EXPECT_EQ(r["points_reversed"], 600);
  EXPECT_EQ(r["balance"], -500);
  auto m = Member("anna", "2026-01-08");
  EXPECT_EQ(m["debt"], 500);
  EXPECT_EQ(m["points_available"], 0);
  EXPECT_EQ(Ok(Buy("O-2", "anna", 70000, "2026-01-09"))["points_available"], 200);
  EXPECT_EQ(Member("anna", "2026-01-10")["debt"], 0);
}

TEST_F(LoyaltyClubTest, AReturnedUpgradeIsNotHeld) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 50000, "2026-01-05").has_value());
  EXPECT_EQ(Ok(Buy("O-2", "anna", 60000, "2026-01-06"))["tier"], "Silber");
  EXPECT_EQ(Ok(Return("R-1", "O-2", 60000, "2026-01-08"))["tier"], "Basis");
  // A tier reached before the returned purchase holds: here its purchase
  // has left the window, but the hold runs through 2027-01-09.
  ASSERT_TRUE(Buy("O-3", "anna", 60000, "2026-01-09").has_value());
  ASSERT_TRUE(Buy("O-4", "anna", 10000, "2026-12-01").has_value());
  EXPECT_EQ(Ok(Return("R-2", "O-4", 10000, "2027-01-09"))["tier"], "Silber");
}

TEST_F(LoyaltyClubTest, PointsExpireAtTheEndOfTheThirdYearOnceOnly) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 30000, "2026-05-01").has_value());
  ASSERT_TRUE(Buy("O-2", "anna", 20000, "2027-02-01").has_value());
  EXPECT_EQ(Member("anna", "2029-12-01")["points_expiring_30d"], 300);
  auto expire = [&](const char* day) {
    auto r = club_->Expire(*store_, D(day), kNow);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r.value_or(LoyaltyJobReport{});
  };
  EXPECT_EQ(expire("2029-12-31").points, 0);  // the last day they count
  EXPECT_EQ(expire("2030-01-01").points, 300);
  EXPECT_EQ(expire("2030-01-01").points, 0);  // safe to run twice
  auto m = Member("anna", "2030-01-02");
  EXPECT_EQ(m["points_available"], 200);
  auto history = club_->History(*store_, "anna", 0, 10);
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ((*history)["entries"].back()["kind"], "expire");
  EXPECT_EQ((*history)["entries"].back()["points"], -300);
}

TEST_F(LoyaltyClubTest, PendingPointsWaitForTheReturnWindow) {
  auto p = loyalty::DefaultProgram();
  p.pending_days = 14;
  Open(p);
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  auto a = Ok(Buy("O-1", "anna", 60000, "2026-01-05"));
  EXPECT_EQ(a["points_available"], 0);
  EXPECT_EQ(a["points_pending"], 600);
  EXPECT_EQ(Redeem("Q-1", "anna", 500, "2026-01-10").error().code(),
            core::Code::kFailedPrecondition);
  EXPECT_EQ(Member("anna", "2026-01-19")["points_available"], 600);
  EXPECT_TRUE(Redeem("Q-1", "anna", 500, "2026-01-19").has_value());
}

TEST_F(LoyaltyClubTest, BirthdayReferralRenewalAndSurpriseBonuses) {
  ASSERT_TRUE(Enroll("cara", "2026-01-02").has_value());
  auto ref = Ok(Enroll("dora", "2026-01-03", "cara"));
  EXPECT_EQ(ref["points_available"], 100);
  EXPECT_EQ(Member("cara", "2026-01-03")["points_available"], 200);
  EXPECT_EQ(Enroll("ben", "2026-01-03", "ben").error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(Enroll("ben", "2026-01-03", "anna").error().code(), core::Code::kInvalidArgument);
  for (int run = 0; run < 2; ++run) {
    auto r = club_->Recalc(*store_, D("2026-07-14"), kNow);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->points, run == 0 ? 100 : 0);
  }
  EXPECT_EQ(Member("cara", "2026-07-14")["points_available"], 300);
  auto bonus = [&](BonusRequest r) {
    return Write([&](storage::Store& s) { return club_->Bonus(s, r, kNow); });
  };
  EXPECT_EQ(bonus({"B-1", "cara", "surprise", 50, "", D("2026-08-01")}).error().code(),
            core::Code::kInvalidArgument);
  EXPECT_EQ(Ok(bonus({"B-1", "cara", "surprise", 50, "Entschuldigung", D("2026-08-01")}))["points"],
            50);
  EXPECT_EQ(Ok(bonus({"B-2", "cara", "renewal", 0, "Vertrag 17", D("2026-08-02")}))["points"], 250);
  EXPECT_EQ(bonus({"B-3", "ben", "renewal", 0, "", D("2026-08-02")}).error().code(),
            core::Code::kNotFound);
  // Bonus points do not count towards tiers.
  EXPECT_EQ(Member("cara", "2026-08-03")["points_earned_12m"], 0);
}

TEST_F(LoyaltyClubTest, PromotionsMultiplyByCategoryAndSimulateWritesNothing) {
  auto p = loyalty::DefaultProgram();
  p.promotions = {{"Schuhwoche", D("2026-03-02"), D("2026-03-08"), "", "Schuhe", 200}};
  Open(p);
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  SimulateRequest sim{"anna", "", {10000, "store", D("2026-03-03"), {{"Schuhe", 4000}}}};
  auto simulated = club_->Simulate(*store_, sim);
  ASSERT_TRUE(simulated.has_value());
  EXPECT_EQ((*simulated)["points"], 140);
  auto bought = Ok(Buy("O-1", "anna", 10000, "2026-03-03", {{"Schuhe", 4000}}));
  EXPECT_EQ(bought["points_earned"], 140);
  EXPECT_EQ(bought["promotions"][0], "Schuhwoche");
  EXPECT_EQ(Ok(Buy("O-2", "anna", 10000, "2026-03-09", {{"Schuhe", 4000}}))["points_earned"], 100);
}

TEST_F(LoyaltyClubTest, APurchaseSentTwiceCountsOnce) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  auto first = Ok(Buy("O-1", "anna", 10000, "2026-01-05"));
  ASSERT_TRUE(Buy("O-2", "anna", 10000, "2026-01-06").has_value());
  auto again = Buy("O-1", "anna", 10000, "2026-01-05");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->json, first);  // the first answer, not today's balance
  EXPECT_EQ(Buy("O-1", "anna", 20000, "2026-01-05").error().code(), core::Code::kAlreadyExists);
  EXPECT_EQ(Member("anna", "2026-01-07")["points_available"], 200);
  EXPECT_EQ(Buy("O-3", "anna", 100, "2026-01-05").value().json["points_earned"], 1);
  auto usd = Write([&](storage::Store& s) {
    return club_->Purchase(s, {"O-4", "anna", 100, "USD", "online", "", D("2026-01-05"), {}}, kNow);
  });
  EXPECT_EQ(usd.error().code(), core::Code::kInvalidArgument);
}

TEST_F(LoyaltyClubTest, TheLiabilityIsWhatMembersHoldByTierAndAge) {
  ASSERT_TRUE(Enroll("anna", "2025-01-02").has_value());
  ASSERT_TRUE(Enroll("ben", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 50000, "2025-03-01").has_value());   // 500, over 6 months old
  ASSERT_TRUE(Buy("O-2", "anna", 100000, "2026-01-05").has_value());  // 1000 -> Silber after
  ASSERT_TRUE(Buy("O-3", "ben", 25000, "2026-01-06").has_value());    // 250
  auto l = club_->Liability(*store_, D("2026-02-01"));
  ASSERT_TRUE(l.has_value()) << l.error().message();
  EXPECT_EQ((*l)["members"], 2);
  EXPECT_EQ((*l)["points_outstanding"], 1750);
  EXPECT_EQ((*l)["value_cents"], 1750);
  EXPECT_EQ((*l)["by_tier"][0]["points"], 250);   // ben, Basis
  EXPECT_EQ((*l)["by_tier"][1]["points"], 1500);  // anna, Silber
  EXPECT_EQ((*l)["by_age"][0]["points"], 1250);
  EXPECT_EQ((*l)["by_age"][1]["points"], 500);
}

TEST_F(LoyaltyClubTest, TheCheckFindsALedgerThatDisagrees) {
  ASSERT_TRUE(Enroll("anna", "2026-01-02").has_value());
  ASSERT_TRUE(Buy("O-1", "anna", 10000, "2026-01-05").has_value());
  ASSERT_TRUE(store_->BeginWrite().ok());
  // A voucher nobody paid for, and a purchase nobody was credited for.
  ASSERT_TRUE(
      store_
          ->SaveVoucher({"FAKE", "anna", "Q-x", 500, 500, "EUR", 20460, 20825, "issued", "", kNow})
          .ok());
  ASSERT_TRUE(store_->SaveLoyaltyPurchase({"O-2", "anna", 20460, 10000, 100, 0}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto check = club_->Check(*store_);
  ASSERT_TRUE(check.has_value());
  EXPECT_FALSE((*check)["ok"].get<bool>());
  EXPECT_EQ((*check)["problems_total"], 2) << check->dump(2);
  store_.reset();  // skip the check of TearDown
}

}  // namespace
}  // namespace retain::app
