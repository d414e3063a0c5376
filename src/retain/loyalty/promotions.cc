#include "retain/loyalty/promotions.h"

#include <algorithm>

namespace retain::loyalty {
namespace {

bool Runs(const Promotion& p, const Basket& b) {
  return p.first_day <= b.day && b.day <= p.last_day &&
         (p.channel.empty() || p.channel == b.channel);
}

}  // namespace

EarnedPoints BasketPoints(const LoyaltyProgram& program, const Tier& tier, const Basket& basket) {
  EarnedPoints out;
  if (basket.amount_cents <= 0) return out;
  out.base_points = basket.amount_cents / program.cents_per_point;

  // The parts of the amount: the lines (scaled down to the amount when they
  // add up to more, as with a discount on the whole order), then the rest.
  struct Part {
    const std::string* category;
    int64_t cents;
  };
  static const std::string kNone;
  std::vector<Part> parts;
  int64_t lines_total = 0;
  for (const auto& l : basket.lines) lines_total += std::max<int64_t>(0, l.amount_cents);
  int64_t assigned = 0;
  for (const auto& l : basket.lines) {
    int64_t cents = std::max<int64_t>(0, l.amount_cents);
    if (lines_total > basket.amount_cents) {
      cents =
          static_cast<int64_t>(static_cast<__int128>(cents) * basket.amount_cents / lines_total);
    }
    parts.push_back({&l.category, cents});
    assigned += cents;
  }
  parts.push_back({&kNone, basket.amount_cents - assigned});

  __int128 weighted = 0;  // cents x percent
  for (const Part& part : parts) {
    int32_t best = 100;
    const Promotion* chosen = nullptr;
    for (const auto& p : program.promotions) {
      if (!Runs(p, basket) || (!p.category.empty() && p.category != *part.category)) continue;
      if (p.multiplier_percent > best) {
        best = p.multiplier_percent;
        chosen = &p;
      }
    }
    weighted += static_cast<__int128>(part.cents) * best;
    if (chosen && part.cents > 0 &&
        std::find(out.promotions.begin(), out.promotions.end(), chosen->name) ==
            out.promotions.end()) {
      out.promotions.push_back(chosen->name);
    }
  }
  const int64_t units = static_cast<int64_t>(weighted / (100 * program.cents_per_point));
  out.points = units * (100 + tier.bonus_percent) / 100;
  return out;
}

}  // namespace retain::loyalty
