#include "retain/app/customer_profile.h"

#include <algorithm>

namespace retain::app {
namespace {

const char* TenureName(analytics::CustomerTenure t) {
  switch (t) {
    case analytics::CustomerTenure::kExisting:
      return "existing";
    case analytics::CustomerTenure::kNew:
      return "new";
    default:
      return "prospect";
  }
}

nlohmann::ordered_json Consents(const model::ChannelConsents& c) {
  auto v = [](model::ConsentState s) {
    const char* n = model::ConsentName(s);
    return *n ? nlohmann::ordered_json(n) : nlohmann::ordered_json(nullptr);
  };
  return {{"email", v(c.email)}, {"sms", v(c.sms)}, {"phone", v(c.phone)}, {"letter", v(c.letter)}};
}

}  // namespace

int AgeOn(core::Day birth, core::Day day) {
  const auto b = core::CivilFromDay(birth), d = core::CivilFromDay(day);
  int age = d.year - b.year;
  if (d.month < b.month || (d.month == b.month && d.day < b.day)) --age;
  return age;
}

core::Result<CustomerBaseContext> BuildCustomerBaseContext(const analytics::Snapshot& snap,
                                                           std::optional<core::Day> as_of) {
  CustomerBaseContext base;
  base.as_of = as_of.value_or(snap.orders() > 0 ? snap.LastOrderDay() : 0);
  base.median_gap_days = analytics::MedianInterPurchaseGap(snap, base.as_of);
  RfmRequest rr;
  rr.as_of = base.as_of;
  auto rfm = RunRfm(snap, rr);
  if (!rfm) return core::Err(rfm.error());
  base.rfm = std::move(*rfm);
  base.index.reserve(snap.customer_ids.size());
  for (size_t i = 0; i < snap.customer_ids.size(); ++i) {
    base.index.emplace(snap.customer_ids[i], static_cast<uint32_t>(i));
  }
  return base;
}

core::Result<CustomerProfile> LoadCustomerProfile(AnalyticsSession& session,
                                                  const CustomerProfileRequest& request) {
  auto base = BuildCustomerBaseContext(session.snapshot, request.as_of);
  if (!base) return core::Err(base.error());
  return LoadCustomerProfile(*session.store, *base, request);
}

core::Result<CustomerProfile> LoadCustomerProfile(storage::Store& store,
                                                  const CustomerBaseContext& base,
                                                  const CustomerProfileRequest& request) {
  auto customer = store.FindCustomer(request.customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) return core::Err(core::NotFound("no customer '" + request.customer_id + "'"));
  CustomerProfile p;
  p.customer = std::move(**customer);
  p.as_of = base.as_of;
  p.existing_min_orders = request.existing_min_orders;
  auto orders = store.CustomerOrders(request.customer_id);
  if (!orders) return core::Err(orders.error());
  p.order_history = std::move(*orders);
  auto returns = store.CustomerReturns(request.customer_id);
  if (!returns) return core::Err(returns.error());
  p.returns = std::move(*returns);

  std::vector<core::Day> days;
  for (const auto& o : p.order_history) {
    if (o.order.ordered_at.day > p.as_of) continue;
    days.push_back(o.order.ordered_at.day);
    p.revenue += o.order.total_minor;
  }
  std::sort(days.begin(), days.end());
  for (const auto& r : p.returns) {
    if (r.returned_at.day <= p.as_of) p.returned += r.amount_minor;
  }
  p.orders = static_cast<int64_t>(days.size());
  p.tenure = analytics::ClassifyNewExisting(p.orders, p.existing_min_orders);

  analytics::LifecycleOptions lo;
  if (base.median_gap_days) lo.default_gap_days = *base.median_gap_days;
  p.stage = analytics::ClassifyLifecycle(days, p.as_of, lo);
  std::vector<core::Day> distinct = days;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() >= 2) {
    p.own_gap_days = static_cast<double>(distinct.back() - distinct.front()) /
                     static_cast<double>(distinct.size() - 1);
  }
  p.expected_gap_days = std::max(p.own_gap_days.value_or(lo.default_gap_days), lo.min_gap_days);
  if (!days.empty()) p.days_since_last_order = p.as_of - days.back();

  if (auto it = base.index.find(request.customer_id); it != base.index.end()) {
    if (const auto* c = FindRfmCustomer(base.rfm, it->second)) {
      p.rfm = *c;
      if (c->segment >= 0) p.rfm_segment = base.rfm.options.segment_map[c->segment].name;
    }
  }
  auto clv = store.FindClvScore(request.customer_id);
  if (!clv) return core::Err(clv.error());
  if (*clv) {
    auto run = store.LatestClvScoreRun();
    if (!run) return core::Err(run.error());
    p.clv = std::move(*clv);
    p.clv_run = std::move(*run);
  }
  return p;
}

nlohmann::ordered_json CustomerJson(const model::Customer& c, std::optional<core::Day> age_on) {
  nlohmann::ordered_json profile = {{"customer_id", c.external_id},
                                    {"first_name", c.first_name},
                                    {"last_name", c.last_name},
                                    {"email", c.email},
                                    {"phone", c.phone},
                                    {"street", c.street},
                                    {"postal_code", c.postal_code},
                                    {"city", c.city},
                                    {"country", c.country},
                                    {"birth_date", nullptr},
                                    {"age", nullptr},
                                    {"gender", c.gender},
                                    {"language", c.language},
                                    {"type", model::KindName(c.kind)},
                                    {"company", c.company},
                                    {"tags", c.tags},
                                    {"attributes", c.attributes},
                                    {"consents", Consents(c.consents)},
                                    {"referral_source", c.referral_source}};
  if (c.birth_date) {
    profile["birth_date"] = core::FormatDay(*c.birth_date);
    if (age_on) profile["age"] = AgeOn(*c.birth_date, *age_on);
  }
  return profile;
}

nlohmann::ordered_json CustomerProfileJson(const CustomerProfile& p) {
  const nlohmann::ordered_json profile = CustomerJson(p.customer, p.as_of);
  nlohmann::ordered_json orders = nlohmann::ordered_json::array();
  for (const auto& o : p.order_history) {
    nlohmann::ordered_json lines = nlohmann::ordered_json::array();
    for (const auto& l : o.lines) {
      lines.push_back({{"line_no", l.line_no},
                       {"sku", l.sku},
                       {"name", l.name},
                       {"category", l.category},
                       {"size", l.size},
                       {"quantity", l.quantity},
                       {"unit_price", l.unit_price_minor},
                       {"discount", l.discount_minor}});
    }
    orders.push_back({{"order_id", o.order.external_id},
                      {"ordered_at", core::FormatTimestamp(o.order.ordered_at)},
                      {"channel", model::ChannelName(o.order.channel)},
                      {"store_id", o.order.store_id},
                      {"currency", o.order.currency},
                      {"total", o.order.total_minor},
                      {"lines", lines}});
  }
  nlohmann::ordered_json returns = nlohmann::ordered_json::array();
  for (const auto& r : p.returns) {
    returns.push_back({{"return_id", r.external_id},
                       {"order_id", r.order_external_id},
                       {"returned_at", core::FormatTimestamp(r.returned_at)},
                       {"amount", r.amount_minor},
                       {"reason", r.reason}});
  }
  nlohmann::ordered_json rfm = nullptr;
  if (p.rfm) {
    rfm = {{"recency_days", p.rfm->recency_days},
           {"frequency", p.rfm->frequency},
           {"monetary", p.rfm->monetary},
           {"r", p.rfm->r},
           {"f", p.rfm->f},
           {"m", p.rfm->m},
           {"segment", p.rfm_segment}};
  }
  nlohmann::ordered_json clv = nullptr;
  if (p.clv && p.clv_run) {
    clv = {{"scored_at", p.clv_run->scored_at},
           {"as_of", core::FormatDay(p.clv_run->as_of)},
           {"horizon_months", p.clv_run->horizon_months},
           {"discount_monthly", p.clv_run->discount_monthly},
           {"p_alive", p.clv->p_alive},
           {"expected_30d", p.clv->expected_30d},
           {"expected_90d", p.clv->expected_90d},
           {"expected_365d", p.clv->expected_365d},
           {"expected_horizon", p.clv->expected_horizon},
           {"expected_value", p.clv->expected_value_minor},
           {"clv", p.clv->clv_minor},
           {"risk", p.clv->risk}};
  }
  return {{"as_of", core::FormatDay(p.as_of)},
          {"profile", profile},
          {"classification",
           {{"tenure", TenureName(p.tenure)}, {"existing_min_orders", p.existing_min_orders}}},
          {"lifecycle",
           {{"stage", p.stage ? nlohmann::ordered_json(analytics::LifecycleStageName(*p.stage))
                              : nlohmann::ordered_json(nullptr)},
            {"own_gap_days", p.own_gap_days ? nlohmann::ordered_json(*p.own_gap_days)
                                            : nlohmann::ordered_json(nullptr)},
            {"expected_gap_days", p.expected_gap_days},
            {"days_since_last_order", p.days_since_last_order
                                          ? nlohmann::ordered_json(*p.days_since_last_order)
                                          : nlohmann::ordered_json(nullptr)}}},
          {"totals", {{"orders", p.orders}, {"revenue", p.revenue}, {"returned", p.returned}}},
          {"rfm", rfm},
          {"clv", clv},
          {"orders", orders},
          {"returns", returns},
          {"amounts", "minor units (cents)"}};
}

}  // namespace retain::app
