// The repeat-buying process behind the synthetic orders (BG/NBD-like with
// Gamma-Gamma spend):
//  - each customer buys at rate λ ~ Gamma(r, α) per day, as a Poisson process
//    in continuous time (thinned by a monthly season factor), from the first
//    purchase until drop-out or the end of the history;
//  - after every purchase they drop out for good with probability p ~ Beta(a, b);
//  - their mean order value m ~ Gamma, each order's target value ~ Gamma around m;
//  - lines come from favourite categories, sizes are the customer's own,
//    some online orders see one line returned days later.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "retain/core/date.h"
#include "retain/model/customer.h"
#include "retain/synth/catalog.h"
#include "retain/synth/places.h"
#include "retain/synth/random.h"

namespace retain::synth {

// Population parameters of the process (the defaults give ~4 orders and
// ~10 lines per customer over three years).
struct ProcessParams {
  double rate_shape = 0.8;           // r: shape of the purchase-rate gamma
  double rate_scale_days = 80.0;     // α: the rate gamma's rate, in days (mean λ = r/α)
  double dropout_a = 0.6;            // a of the drop-out beta
  double dropout_b = 3.0;            // b of the drop-out beta
  double spend_shape = 4.0;          // shape of the gamma of a customer's mean order value
  double mean_order_minor = 7500.0;  // population mean of the customers' mean order value
  double order_value_shape = 6.0;    // shape of an order's value around the customer's mean
  double extra_lines_mean = 1.5;     // mean number of lines beyond the first (B2C)
  double return_rate = 0.12;         // mean share of online orders with a returned line
};

// One customer's buying habits, drawn once.
struct Behaviour {
  double rate_per_day = 0.0;        // λ
  double dropout = 0.0;             // p
  double mean_order_minor = 0.0;    // customer's mean order value (cents)
  double online_share = 0.7;        // probability that an order is placed online
  double return_propensity = 0.0;   // probability that an online order sees a return
  double sale_affinity = 1.0;       // multiplier on the chance of a discounted line
  size_t store = 0;                 // index into Stores() of the customer's store
  std::array<int, 3> favourites{};  // favourite categories (indices into Categories())
  int female = 0;                   // 1 female, 0 male, -1 unspecified (category mix)
  bool b2b = false;
  std::string_view clothing_size, shoe_size, sock_size;
};

struct SimLine {
  int product = 0;  // index into Catalog::products()
  std::string_view size;
  int32_t quantity = 1;
  int64_t unit_price_minor = 0;
  int64_t discount_minor = 0;
  // quantity × unit price − discount.
  int64_t Value() const { return quantity * unit_price_minor - discount_minor; }
};

struct SimOrder {
  core::Day day = 0;
  int32_t seconds = 0;          // local Berlin wall-clock time
  int32_t offset_minutes = 60;  // Berlin UTC offset at that time
  bool online = true;
  size_t store = 0;    // index into Stores() when !online
  int first_line = 0;  // index into CustomerHistory::lines
  int line_count = 0;
  int64_t total_minor = 0;  // sum of the lines' values
};

struct SimReturn {
  int order = 0;  // index into CustomerHistory::orders
  int line = 0;   // index into CustomerHistory::lines
  core::Day day = 0;
  int32_t seconds = 0;
  int32_t offset_minutes = 60;
  std::string_view reason;
};

// Everything one customer bought and returned, in time order of the orders.
struct CustomerHistory {
  std::vector<SimOrder> orders;
  std::vector<SimLine> lines;
  std::vector<SimReturn> returns;
  // Empties the history, keeping the allocated memory.
  void Clear() {
    orders.clear();
    lines.clear();
    returns.clear();
  }
};

class PurchaseProcess {
 public:
  // A process over the history [start, end] (days, inclusive) selling from `catalog`,
  // which must outlive the process.
  PurchaseProcess(const Catalog& catalog, core::Day start, core::Day end,
                  ProcessParams params = {});

  // Draws the buying habits of `customer` (uses gender, kind and postal code).
  Behaviour DrawBehaviour(Rng& rng, const model::Customer& customer) const;

  // Simulates the purchases of a customer whose first purchase happens
  // `first_purchase` days (fractional) after the start; `out` is cleared first.
  // Returns dated after the end are left out.
  void Simulate(Rng& rng, const Behaviour& behaviour, double first_purchase,
                CustomerHistory* out) const;

 private:
  void AddOrder(Rng& rng, const Behaviour& b, core::Day day, CustomerHistory* out) const;
  int PickCategory(Rng& rng, const Behaviour& b) const;

  const Catalog& catalog_;
  core::Day start_, end_;
  ProcessParams params_;
  WeightedTable categories_female_, categories_male_, categories_any_;
  WeightedTable online_hours_, store_hours_, reasons_, unsized_reasons_;
};

}  // namespace retain::synth
