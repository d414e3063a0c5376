// LoyaltyProgram: the rules of a points-and-tiers program (the "Kunden-Club").
//
//   LoyaltyProgram p = DefaultProgram();        // 1 point per euro, Basis/Silber/Gold
//   int64_t pts = PurchasePoints(p, 10000, p.tiers[1]);  // 100.00 EUR at Silber: 110
//
// Only rules live here (pure functions on integers and days); the ledger that
// records what was earned and spent is in storage, the use cases in app.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::loyalty {

struct Tier {
  std::string name;           // "Basis", "Silber", "Gold"
  int64_t threshold = 0;      // points earned in the tier window to reach it
  int32_t bonus_percent = 0;  // extra points on purchases, in percent of the base points
  std::vector<std::string> benefits;
};

// A time-boxed points multiplier ("double points on shoes this week").
struct Promotion {
  std::string name;
  core::Day first_day = 0, last_day = 0;  // inclusive
  std::string channel;                    // "online" | "store"; "" = both
  std::string category;                   // a line category; "" = the whole basket
  int32_t multiplier_percent = 200;       // 200 = double points
};

struct LoyaltyProgram {
  std::vector<Tier> tiers;            // ascending thresholds; the first one's is 0
  int64_t cents_per_point = 100;      // one point per full 1.00 of the purchase amount
  int tier_window_months = 12;        // points earned in this rolling window set the tier
  int tier_hold_months = 12;          // a tier reached by earning holds at least this long
  int64_t redeem_block_points = 500;  // points are redeemed in multiples of this
  int64_t block_value_cents = 500;    // the voucher value of one block
  int voucher_valid_months = 12;
  int expiry_years_after = 3;  // points expire at the end of the Nth calendar year after earning
  int pending_days = 0;        // earned points wait this long (a return window) before use
  std::string currency = "EUR";
  // Bonus points (0 = the bonus is off).
  int64_t birthday_points = 100;
  int64_t referral_points_referrer = 200;    // for the member who recommended
  int64_t referral_points_new_member = 100;  // for the member who joined on it
  int64_t renewal_points = 250;              // when a contract or subscription is renewed
  std::vector<Promotion> promotions;
};

// The program of the Kunden-Club: Basis, Silber from 1,000 (+10 %), Gold from
// 3,000 (+20 %, exclusive offers, personal consultation, event invitations).
LoyaltyProgram DefaultProgram();

// kInvalidArgument naming the first rule that does not hold (tiers ascending
// from 0, positive rates and periods, non-negative bonuses, promotions with
// a name, days in order, a known channel and a multiplier of 100 or more).
core::Status Validate(const LoyaltyProgram& program);

// The points a purchase of `amount_cents` earns at `tier` without
// promotions: floor(full units x (1 + bonus)). Refunds (negative amounts)
// earn nothing. (BasketPoints in promotions.h adds running promotions.)
int64_t PurchasePoints(const LoyaltyProgram& program, int64_t amount_cents, const Tier& tier);

// How many points returning goods takes back from an order that earned
// `order_points` on `order_cents`: the share of the returned value, rounded
// to the nearest point (halves up). Computed on the cumulative returned
// value, so that several partial returns add up to exactly what one return
// of their sum would take: pass the value returned before this return too.
int64_t ReturnedPoints(int64_t order_points, int64_t order_cents, int64_t returned_before_cents,
                       int64_t returned_cents);

// The last day points earned on `earned` can be used: 31 December of the
// program's Nth calendar year after earning.
core::Day PointsExpireAfter(const LoyaltyProgram& program, core::Day earned);

// `day` moved by `months` calendar months; the day of the month is clamped
// to the target month's length (31 January + 1 month = 28/29 February).
core::Day AddMonths(core::Day day, int months);

// The index of the highest tier whose threshold `earned_in_window` reaches.
size_t TierFor(const LoyaltyProgram& program, int64_t earned_in_window);

// A member's tier over time.
struct TierState {
  size_t tier = 0;           // index into LoyaltyProgram::tiers
  core::Day since = 0;       // when it was reached
  core::Day held_until = 0;  // no downgrade before the end of this day
};

// The tier on `day` for a member in `state` who earned `earned_in_window`
// in the window ending that day: an upgrade applies at once and holds for
// tier_hold_months; a downgrade only after the hold, to the tier the window
// supports (and is not held).
TierState EvaluateTier(const LoyaltyProgram& program, const TierState& state, core::Day day,
                       int64_t earned_in_window);

// The first day of the tier window that ends on `day` (inclusive).
core::Day TierWindowStart(const LoyaltyProgram& program, core::Day day);

// How many blocks `points` make, or kInvalidArgument when they are not a
// positive multiple of redeem_block_points.
core::Result<int64_t> RedemptionBlocks(const LoyaltyProgram& program, int64_t points);

}  // namespace retain::loyalty
