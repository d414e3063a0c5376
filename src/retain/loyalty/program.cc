#include "retain/loyalty/program.h"

#include <algorithm>

namespace retain::loyalty {

LoyaltyProgram DefaultProgram() {
  LoyaltyProgram p;
  p.tiers = {
      {"Basis", 0, 0, {}},
      {"Silber", 1000, 10, {}},
      {"Gold", 3000, 20, {"exclusive_offers", "personal_consultation", "event_invitations"}},
  };
  return p;
}

core::Status Validate(const LoyaltyProgram& p) {
  if (p.tiers.empty() || p.tiers.front().threshold != 0) {
    return core::InvalidArgument("tiers: the first tier must start at 0 points");
  }
  for (size_t i = 0; i < p.tiers.size(); ++i) {
    const Tier& t = p.tiers[i];
    if (t.name.empty()) return core::InvalidArgument("tiers: every tier needs a name");
    if (t.bonus_percent < 0) {
      return core::InvalidArgument("tiers: " + t.name + ": bonus_percent must be 0 or more");
    }
    if (i > 0 && t.threshold <= p.tiers[i - 1].threshold) {
      return core::InvalidArgument("tiers: " + t.name +
                                   ": thresholds must rise from one tier to the next");
    }
  }
  if (p.cents_per_point <= 0) return core::InvalidArgument("cents_per_point must be positive");
  if (p.tier_window_months <= 0) {
    return core::InvalidArgument("tier_window_months must be positive");
  }
  if (p.tier_hold_months < 0) return core::InvalidArgument("tier_hold_months must be 0 or more");
  if (p.redeem_block_points <= 0 || p.block_value_cents <= 0) {
    return core::InvalidArgument("redeem_block_points and block_value_cents must be positive");
  }
  if (p.voucher_valid_months <= 0) {
    return core::InvalidArgument("voucher_valid_months must be positive");
  }
  if (p.expiry_years_after < 0)
    return core::InvalidArgument("expiry_years_after must be 0 or more");
  if (p.pending_days < 0) return core::InvalidArgument("pending_days must be 0 or more");
  if (p.currency.size() != 3) return core::InvalidArgument("currency must be a code like EUR");
  if (p.birthday_points < 0 || p.referral_points_referrer < 0 || p.referral_points_new_member < 0 ||
      p.renewal_points < 0) {
    return core::InvalidArgument("bonus points must be 0 or more");
  }
  for (const Promotion& promo : p.promotions) {
    const std::string name = "promotions: '" + promo.name + "': ";
    if (promo.name.empty()) return core::InvalidArgument("promotions: every one needs a name");
    if (promo.last_day < promo.first_day) {
      return core::InvalidArgument(name + "ends before it starts");
    }
    if (!promo.channel.empty() && promo.channel != "online" && promo.channel != "store") {
      return core::InvalidArgument(name + "channel must be online, store or empty");
    }
    if (promo.multiplier_percent < 100) {
      return core::InvalidArgument(name + "multiplier_percent must be 100 or more");
    }
  }
  return {};
}

int64_t PurchasePoints(const LoyaltyProgram& p, int64_t amount_cents, const Tier& tier) {
  if (amount_cents <= 0) return 0;
  return amount_cents / p.cents_per_point * (100 + tier.bonus_percent) / 100;
}

int64_t ReturnedPoints(int64_t order_points, int64_t order_cents, int64_t returned_before_cents,
                       int64_t returned_cents) {
  if (order_points <= 0 || order_cents <= 0 || returned_cents <= 0) return 0;
  // Share of the order, halves rounded up; the value returned never counts
  // beyond the order's.
  auto share = [&](int64_t returned) {
    returned = std::clamp<int64_t>(returned, 0, order_cents);
    const __int128 twice = static_cast<__int128>(2) * order_points * returned + order_cents;
    return static_cast<int64_t>(twice / (static_cast<__int128>(2) * order_cents));
  };
  return share(returned_before_cents + returned_cents) - share(returned_before_cents);
}

core::Day PointsExpireAfter(const LoyaltyProgram& p, core::Day earned) {
  return core::DayFromCivil(core::CivilFromDay(earned).year + p.expiry_years_after, 12, 31);
}

core::Day AddMonths(core::Day day, int months) {
  const core::CivilDate d = core::CivilFromDay(day);
  int index = d.year * 12 + (d.month - 1) + months;
  const int year = index / 12, month = index % 12 + 1;
  int last = 31;
  while (!core::IsValidCivil(year, month, last)) --last;
  return core::DayFromCivil(year, month, std::min(d.day, last));
}

size_t TierFor(const LoyaltyProgram& p, int64_t earned_in_window) {
  size_t tier = 0;
  for (size_t i = 0; i < p.tiers.size(); ++i) {
    if (earned_in_window >= p.tiers[i].threshold) tier = i;
  }
  return tier;
}

TierState EvaluateTier(const LoyaltyProgram& p, const TierState& state, core::Day day,
                       int64_t earned_in_window) {
  const size_t supported = TierFor(p, earned_in_window);
  if (supported > state.tier) {
    return {supported, day, AddMonths(day, p.tier_hold_months)};
  }
  if (supported < state.tier && day > state.held_until) return {supported, day, day};
  return state;
}

core::Day TierWindowStart(const LoyaltyProgram& p, core::Day day) {
  return AddMonths(day, -p.tier_window_months) + 1;
}

core::Result<int64_t> RedemptionBlocks(const LoyaltyProgram& p, int64_t points) {
  if (points <= 0 || points % p.redeem_block_points != 0) {
    return core::Err(core::InvalidArgument("points: must be a positive multiple of " +
                                           std::to_string(p.redeem_block_points)));
  }
  return points / p.redeem_block_points;
}

}  // namespace retain::loyalty
