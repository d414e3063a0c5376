#include "retain/synth/purchase_process.h"

#include <algorithm>
#include <cmath>

#include "retain/core/money.h"
#include "retain/synth/berlin_time.h"

namespace retain::synth {
namespace {

// Relative purchase intensity by month (January = 0): winter sale, quiet
// February, Black Friday and Christmas.
constexpr double kSeason[12] = {1.0, 0.75, 0.9, 1.0, 1.0, 0.95, 1.0, 0.85, 0.95, 1.0, 1.25, 1.35};
constexpr double kSeasonMax = 1.35;

// Online orders by hour of day (local time).
constexpr double kOnlineHours[24] = {2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 3, 4, 5, 5.5, 5.5,
                                     6, 6, 5.5, 5.5, 6,   6.5, 7,   8, 9, 9, 6,   3.5};
// Store purchases by hour of day (shops open 10:00-20:00).
constexpr double kStoreHours[24] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 6,
                                    8, 8, 7, 7, 8, 9, 9, 6, 0, 0, 0, 0};

constexpr std::string_view kReasons[] = {
    "Passt nicht",
    "Zu groß",
    "Zu klein",
    "Gefällt nicht",
    "Farbe weicht von der Abbildung ab",
    "Qualität entspricht nicht den Erwartungen",
    "Defekt",
    "Falscher Artikel geliefert",
    "Zu spät geliefert",
    "Zu groß, eine Nummer kleiner bestellt",
    "Mehrere Größen bestellt",
};
constexpr double kReasonWeights[] = {30, 10, 10, 18, 5, 7, 4, 2, 2, 4, 8};
// The same for articles without a size (bags, gear): no fit problems.
constexpr double kUnsizedReasonWeights[] = {0, 0, 0, 40, 10, 20, 12, 5, 5, 0, 0};

constexpr std::string_view kClothingSizes[] = {"XS", "S", "M", "L", "XL", "XXL"};
constexpr double kFemaleClothing[] = {8, 25, 35, 22, 8, 2};
constexpr double kMaleClothing[] = {1, 8, 25, 35, 22, 9};
constexpr std::string_view kShoeSizes[] = {"36", "37", "38", "39", "40", "41",
                                           "42", "43", "44", "45", "46"};

constexpr double kDiscountPercents[] = {10, 15, 20, 25, 30, 40, 50};
constexpr double kDiscountWeights[] = {25, 10, 30, 10, 15, 5, 5};

int WeekdayMonday0(core::Day day) {
  const int w = (day + 3) % 7;  // 1970-01-01 was a Thursday
  return w < 0 ? w + 7 : w;
}

bool IsSalePeriod(const core::CivilDate& c) {
  return (c.month == 1 && c.day >= 2) || c.month == 7 || (c.month == 11 && c.day >= 22);
}

WeightedTable CategoryTable(double female_mix) {
  std::vector<double> w;
  for (const Category& c : Categories()) {
    w.push_back(c.weight * (female_mix * c.female_factor + (1 - female_mix) * c.male_factor));
  }
  return WeightedTable(w);
}

// Draws an hour from `table` and uniform minutes and seconds within it.
int32_t DrawTimeOfDay(Rng& rng, const WeightedTable& table) {
  return static_cast<int32_t>(table.Pick(rng)) * 3600 +
         static_cast<int32_t>(rng.UniformInt(0, 3599));
}

}  // namespace

PurchaseProcess::PurchaseProcess(const Catalog& catalog, core::Day start, core::Day end,
                                 ProcessParams params)
    : catalog_(catalog),
      start_(start),
      end_(end),
      params_(params),
      categories_female_(CategoryTable(1.0)),
      categories_male_(CategoryTable(0.0)),
      categories_any_(CategoryTable(0.5)),
      online_hours_(kOnlineHours),
      store_hours_(kStoreHours),
      reasons_(kReasonWeights),
      unsized_reasons_(kUnsizedReasonWeights) {}

Behaviour PurchaseProcess::DrawBehaviour(Rng& rng, const model::Customer& customer) const {
  Behaviour b;
  b.b2b = customer.kind == model::CustomerKind::kB2B;
  b.female = customer.gender == "f" ? 1 : (customer.gender == "m" ? 0 : -1);

  b.rate_per_day = rng.Gamma(params_.rate_shape, 1.0 / params_.rate_scale_days);
  b.dropout = rng.Beta(params_.dropout_a, params_.dropout_b);
  b.mean_order_minor =
      rng.Gamma(params_.spend_shape, params_.mean_order_minor / params_.spend_shape);
  if (b.b2b) {  // companies buy more regularly, stay longer and buy more at once
    b.rate_per_day *= 2.0;
    b.dropout *= 0.5;
    b.mean_order_minor *= 1.5;
  }

  b.store = NearestStore(customer.postal_code);
  const bool in_store_city = customer.city == Stores()[b.store].city;
  b.online_share = b.b2b           ? rng.Beta(9.0, 1.0)
                   : in_store_city ? rng.Beta(2.0, 2.5)
                                   : rng.Beta(5.0, 1.0);
  const double m = params_.return_rate * (b.b2b ? 0.4 : 1.0);
  b.return_propensity = rng.Beta(1.2, 1.2 * (1.0 - m) / m);
  b.sale_affinity = rng.Gamma(2.0, 0.5);

  const WeightedTable& cats =
      b.female == 1 ? categories_female_ : (b.female == 0 ? categories_male_ : categories_any_);
  for (int& f : b.favourites) f = static_cast<int>(cats.Pick(rng));

  const bool female = b.female == 1 || (b.female == -1 && rng.Bernoulli(0.5));
  static const WeightedTable female_clothing(kFemaleClothing), male_clothing(kMaleClothing);
  b.clothing_size = kClothingSizes[(female ? female_clothing : male_clothing).Pick(rng)];
  const double shoe = female ? 38.8 + 1.3 * rng.Normal() : 43.0 + 1.5 * rng.Normal();
  const int shoe_index = std::clamp(static_cast<int>(std::lround(shoe)), 36, 46) - 36;
  b.shoe_size = kShoeSizes[shoe_index];
  b.sock_size = shoe_index <= 2 ? "35-38" : (shoe_index <= 6 ? "39-42" : "43-46");
  return b;
}

int PurchaseProcess::PickCategory(Rng& rng, const Behaviour& b) const {
  const double u = rng.Uniform();
  if (u < 0.30) return b.favourites[0];
  if (u < 0.45) return b.favourites[1];
  if (u < 0.55) return b.favourites[2];
  const WeightedTable& cats =
      b.female == 1 ? categories_female_ : (b.female == 0 ? categories_male_ : categories_any_);
  return static_cast<int>(cats.Pick(rng));
}

void PurchaseProcess::AddOrder(Rng& rng, const Behaviour& b, core::Day day,
                               CustomerHistory* out) const {
  SimOrder order;
  order.online = rng.Bernoulli(b.online_share);
  order.day = day;
  if (!order.online) {
    order.store = b.store;
    if (WeekdayMonday0(day) == 6) {  // shops are closed on Sunday: go on Saturday instead
      const core::Day saturday = day - 1;
      const core::Day previous = out->orders.empty() ? start_ : out->orders.back().day;
      if (saturday >= start_ && saturday >= previous) {
        order.day = saturday;
      } else {
        order.online = true;
      }
    }
  }
  order.seconds = NormalizeBerlinTime(
      order.day, DrawTimeOfDay(rng, order.online ? online_hours_ : store_hours_));
  order.offset_minutes = BerlinOffsetMinutes(order.day, order.seconds);

  const core::CivilDate civil = core::CivilFromDay(order.day);
  const double discount_chance = (IsSalePeriod(civil) ? 0.35 : 0.06) * b.sale_affinity;
  static const WeightedTable discount_table(kDiscountWeights);

  const int64_t extra = rng.Poisson(b.b2b ? 2.5 : params_.extra_lines_mean);
  const int line_count = 1 + static_cast<int>(std::min<int64_t>(extra, 7));
  const double value =
      rng.Gamma(params_.order_value_shape, b.mean_order_minor / params_.order_value_shape);
  order.first_line = static_cast<int>(out->lines.size());
  order.line_count = line_count;
  for (int i = 0; i < line_count; ++i) {
    SimLine line;
    const int category = PickCategory(rng, b);
    const double target = value / line_count * std::exp(0.35 * rng.Normal());
    const std::span<const int> by_price = catalog_.ByPrice(category);
    int64_t pos =
        static_cast<int64_t>(catalog_.NearestPricePosition(category, std::llround(target))) +
        rng.UniformInt(-2, 2);
    pos = std::clamp<int64_t>(pos, 0, static_cast<int64_t>(by_price.size()) - 1);
    // The same article twice in one order is one line with a larger quantity: avoid it.
    for (int tries = 0; tries < static_cast<int>(by_price.size()); ++tries) {
      const int candidate = by_price[pos];
      bool taken = false;
      for (int j = order.first_line; j < static_cast<int>(out->lines.size()); ++j) {
        taken |= out->lines[j].product == candidate;
      }
      if (!taken) break;
      pos = (pos + 1) % static_cast<int64_t>(by_price.size());
    }
    line.product = by_price[pos];
    switch (Categories()[category].sizing) {
      case SizeKind::kNone:
        break;
      case SizeKind::kClothing:
        line.size = b.clothing_size;
        break;
      case SizeKind::kShoe:
        line.size = b.shoe_size;
        break;
      case SizeKind::kSock:
        line.size = b.sock_size;
        break;
    }
    if (b.b2b) {
      line.quantity = rng.Bernoulli(0.55) ? 1 : static_cast<int32_t>(rng.UniformInt(2, 6));
    } else {
      const double q = rng.Uniform();
      line.quantity = q < 0.88 ? 1 : (q < 0.975 ? 2 : 3);
    }
    line.unit_price_minor = catalog_.products()[line.product].product.price_minor;
    int percent = b.b2b ? 10 : 0;
    if (rng.Bernoulli(discount_chance)) {
      percent = std::max(percent, static_cast<int>(kDiscountPercents[discount_table.Pick(rng)]));
    }
    line.discount_minor = core::DivRound(line.quantity * line.unit_price_minor * percent, 100);
    order.total_minor += line.Value();
    out->lines.push_back(line);
  }
  out->orders.push_back(order);

  if (order.online && rng.Bernoulli(b.return_propensity)) {
    SimReturn ret;
    ret.order = static_cast<int>(out->orders.size()) - 1;
    ret.line = order.first_line + static_cast<int>(rng.UniformInt(0, line_count - 1));
    // Delivery (1-4 days), trying on, sending back, processing in the warehouse.
    ret.day = order.day + 2 + static_cast<core::Day>(rng.UniformInt(1, 4)) +
              static_cast<core::Day>(std::min(25.0, rng.Exponential(1.0 / 5.0)));
    const int weekday = WeekdayMonday0(ret.day);
    if (weekday >= 5) ret.day += 7 - weekday;  // the warehouse works Monday to Friday
    ret.seconds = static_cast<int32_t>(rng.UniformInt(8 * 3600, 18 * 3600 - 1));
    ret.offset_minutes = BerlinOffsetMinutes(ret.day, ret.seconds);
    const bool sized = !out->lines[ret.line].size.empty();
    ret.reason = kReasons[(sized ? reasons_ : unsized_reasons_).Pick(rng)];
    if (ret.day <= end_) out->returns.push_back(ret);
  }
}

void PurchaseProcess::Simulate(Rng& rng, const Behaviour& b, double first_purchase,
                               CustomerHistory* out) const {
  out->Clear();
  const double horizon = static_cast<double>(end_ - start_ + 1);  // end of the last day
  double t = first_purchase;
  while (true) {
    AddOrder(rng, b, start_ + static_cast<core::Day>(t), out);
    if (rng.Bernoulli(b.dropout)) return;
    // Next purchase of the season-modulated Poisson process, by thinning.
    while (true) {
      t += rng.Exponential(b.rate_per_day * kSeasonMax);
      if (t >= horizon) return;
      const int month = core::CivilFromDay(start_ + static_cast<core::Day>(t)).month;
      if (rng.Uniform() * kSeasonMax < kSeason[month - 1]) break;
    }
  }
}

}  // namespace retain::synth
