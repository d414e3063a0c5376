#include "retain/synth/generate.h"

#include <cmath>
#include <filesystem>
#include <system_error>

#include "retain/synth/catalog.h"
#include "retain/synth/customer_profile.h"
#include "retain/synth/purchase_process.h"
#include "retain/synth/random.h"
#include "retain/synth/shop_writer.h"

namespace retain::synth {
namespace {

constexpr uint64_t kCustomerStream = 0xC057031E5ULL;
constexpr int kCustomerIdDigits = 8;
constexpr int64_t kProgressEvery = 1 << 14;
// Customer acquisition grows over the history: the density at the end is
// (1 + kGrowth) times the density at the start.
constexpr double kGrowth = 0.5;

core::Status Validate(const GenOptions& o) {
  if (o.customers < 1) {
    return core::InvalidArgument("--customers must be at least 1 (got " +
                                 std::to_string(o.customers) + ")");
  }
  if (o.years < 1) {
    return core::InvalidArgument("--years must be at least 1 (got " + std::to_string(o.years) +
                                 ")");
  }
  if (!(o.b2b_share >= 0.0 && o.b2b_share <= 1.0)) {
    return core::InvalidArgument("the B2B share must be between 0 and 1");
  }
  const int end_year = core::CivilFromDay(o.end).year;
  if (end_year > 9999 || end_year - o.years < 1900) {
    return core::InvalidArgument("the history must lie within the years 1900 to 9999 (end " +
                                 core::FormatDay(o.end) + ", " + std::to_string(o.years) +
                                 " years)");
  }
  return core::Status::Ok();
}

// Fraction of the history at which a customer makes the first purchase:
// inverse CDF of the density proportional to 1 + kGrowth * x on [0, 1).
double AcquisitionFraction(Rng& rng) {
  const double u = rng.Uniform();
  return (-1.0 + std::sqrt(1.0 + 2.0 * kGrowth * u * (1.0 + kGrowth / 2.0))) / kGrowth;
}

void DrawTags(Rng& rng, const Behaviour& b, const ProcessParams& params, model::Customer* c) {
  c->tags.clear();
  if (b.b2b) c->tags.emplace_back("b2b");
  if (c->consents.email == model::ConsentState::kGranted && !c->email.empty() &&
      rng.Bernoulli(0.7)) {
    c->tags.emplace_back("newsletter");
  }
  if (b.online_share < 0.6 && rng.Bernoulli(0.6)) c->tags.emplace_back("kundenkarte");
  if (b.mean_order_minor > 2.0 * params.mean_order_minor) c->tags.emplace_back("vip");
  if (b.sale_affinity > 1.8) c->tags.emplace_back("sale-affin");
  const std::string_view favourite = Categories()[b.favourites[0]].name;
  if (favourite == "Outdoor" && rng.Bernoulli(0.5)) c->tags.emplace_back("outdoor");
  if (favourite == "Sportbekleidung" && rng.Bernoulli(0.5)) c->tags.emplace_back("laufsport");
  if (rng.Bernoulli(0.004)) c->tags.emplace_back("mitarbeiter");
}

}  // namespace

core::Day HistoryStart(const GenOptions& options) {
  const core::CivilDate end = core::CivilFromDay(options.end);
  const int year = end.year - options.years;
  const int day = core::IsValidCivil(year, end.month, end.day) ? end.day : 28;  // 29 Feb
  return core::DayFromCivil(year, end.month, day) + 1;
}

core::Result<GenStats> GenerateShop(const GenOptions& options, const std::string& out_dir,
                                    const std::function<void(int64_t, int64_t)>& progress) {
  RETAIN_RETURN_IF_ERROR(Validate(options));
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    return core::Err(
        core::IoError("cannot create output directory " + out_dir + ": " + ec.message()));
  }

  const core::Day start = HistoryStart(options);
  const double history_days = static_cast<double>(options.end - start + 1);
  const Catalog catalog(options.seed);
  const ProcessParams params;
  const PurchaseProcess process(catalog, start, options.end, params);
  ShopWriter writer(catalog);
  RETAIN_RETURN_IF_ERROR(writer.Open(out_dir));

  model::Customer customer;
  CustomerHistory history;
  for (int64_t i = 0; i < options.customers; ++i) {
    Rng rng(MixSeed(options.seed, kCustomerStream, static_cast<uint64_t>(i)));
    const double first_purchase = AcquisitionFraction(rng) * history_days;
    const core::Day acquired = start + static_cast<core::Day>(first_purchase);

    const Place* place = nullptr;
    DrawPerson(rng, acquired, options.b2b_share, &customer, &place);
    customer.external_id.assign("C");
    AppendPadded(customer.external_id, static_cast<uint64_t>(i + 1), kCustomerIdDigits);
    const Behaviour behaviour = process.DrawBehaviour(rng, customer);
    process.Simulate(rng, behaviour, first_purchase, &history);

    // The account was opened at the first order, or earlier for a quarter.
    customer.created = history.orders.front().day;
    if (rng.Bernoulli(0.25)) *customer.created -= static_cast<core::Day>(rng.UniformInt(1, 400));
    DrawTags(rng, behaviour, params, &customer);

    RETAIN_RETURN_IF_ERROR(writer.WriteCustomer(customer));
    RETAIN_RETURN_IF_ERROR(writer.WriteHistory(customer.external_id, history));
    if (progress && (i + 1) % kProgressEvery == 0) progress(i + 1, options.customers);
  }
  RETAIN_RETURN_IF_ERROR(writer.Close());
  if (progress) progress(options.customers, options.customers);

  const ShopCounts& c = writer.counts();
  return GenStats{c.customers, c.products, c.orders, c.order_lines, c.returns};
}

}  // namespace retain::synth
