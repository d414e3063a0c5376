// What a basket earns with the program's running promotions ("what would
// this earn?").
//
//   program.promotions = {{"Schuhwoche", D("2026-03-02"), D("2026-03-08"), "", "Schuhe", 200}};
//   auto earned = BasketPoints(program, program.tiers[0], basket);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/loyalty/program.h"

namespace retain::loyalty {

struct BasketLine {
  std::string category;
  int64_t amount_cents = 0;  // what the line costs after its discounts
};

struct Basket {
  int64_t amount_cents = 0;  // what the customer pays
  std::string channel;       // "online" | "store"
  core::Day day = 0;
  std::vector<BasketLine> lines;  // optional: what the amount is made of
};

struct EarnedPoints {
  int64_t points = 0;                   // what the purchase earns
  int64_t base_points = 0;              // one per full unit, without tier bonus or promotions
  std::vector<std::string> promotions;  // the names of those that counted
};

// What `basket` earns at `tier` with the program's promotions: each part of the amount
// (its lines, scaled to the amount when they add up to more; the rest as
// one uncategorised part) counts times the best multiplier running on the
// basket's day for its channel and the part's category; the weighted full
// units then get the tier bonus: floor(floor(weighted units) x (1 + bonus)).
// Without a running promotion this is PurchasePoints.
EarnedPoints BasketPoints(const LoyaltyProgram& program, const Tier& tier, const Basket& basket);

}  // namespace retain::loyalty
