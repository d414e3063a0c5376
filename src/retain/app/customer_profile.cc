#include "retain/app/customer_profile.h"

#include <algorithm>

#include "retain/app/listening.h"

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

void WriteConsents(core::JsonOut& out, const model::ChannelConsents& c) {
  auto field = [&](std::string_view channel, model::ConsentState s) {
    const char* name = model::ConsentName(s);
    if (*name) return out.Field(channel, name);
    out.NullField(channel);
  };
  out.StartObject();
  field("email", c.email);
  field("sms", c.sms);
  field("phone", c.phone);
  field("letter", c.letter);
  out.EndObject();
}

void WriteOrder(core::JsonOut& out, const storage::OrderRecord& o) {
  out.StartObject();
  out.Field("order_id", o.order.external_id);
  out.Field("ordered_at", core::FormatTimestamp(o.order.ordered_at));
  out.Field("channel", model::ChannelName(o.order.channel));
  out.Field("store_id", o.order.store_id);
  out.Field("currency", o.order.currency);
  out.Field("total", o.order.total_minor);
  out.Key("lines");
  out.StartArray();
  for (const auto& l : o.lines) {
    out.StartObject();
    out.Field("line_no", l.line_no);
    out.Field("sku", l.sku);
    out.Field("name", l.name);
    out.Field("category", l.category);
    out.Field("size", l.size);
    out.Field("quantity", l.quantity);
    out.Field("unit_price", l.unit_price_minor);
    out.Field("discount", l.discount_minor);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
}

void WriteRfm(core::JsonOut& out, const CustomerProfile& p) {
  if (!p.rfm) return out.Null();
  out.StartObject();
  out.Field("recency_days", p.rfm->recency_days);
  out.Field("frequency", p.rfm->frequency);
  out.Field("monetary", p.rfm->monetary);
  out.Field("r", p.rfm->r);
  out.Field("f", p.rfm->f);
  out.Field("m", p.rfm->m);
  out.Field("segment", p.rfm_segment);
  out.EndObject();
}

void WriteClv(core::JsonOut& out, const CustomerProfile& p) {
  if (!p.clv || !p.clv_run) return out.Null();
  out.StartObject();
  out.Field("scored_at", p.clv_run->scored_at);
  out.Field("as_of", core::FormatDay(p.clv_run->as_of));
  out.Field("horizon_months", p.clv_run->horizon_months);
  out.Field("discount_monthly", p.clv_run->discount_monthly);
  out.Field("p_alive", p.clv->p_alive);
  out.Field("expected_30d", p.clv->expected_30d);
  out.Field("expected_90d", p.clv->expected_90d);
  out.Field("expected_365d", p.clv->expected_365d);
  out.Field("expected_horizon", p.clv->expected_horizon);
  out.Field("expected_value", p.clv->expected_value_minor);
  out.Field("clv", p.clv->clv_minor);
  out.Field("risk", p.clv->risk);
  out.EndObject();
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

namespace {

// The customer's answers, conversations and tasks, and the risk band as a
// recent complaint raises it.
core::Status LoadListening(storage::Store& store, const std::string& id, CustomerProfile& p) {
  auto s = store.ScanFeedback({.customer_id = id, .to = p.as_of},
                              [&](const storage::FeedbackRecord& f) { p.feedback.push_back(f); });
  if (!s.ok()) return s;
  s = store.ScanConversations({.customer_id = id}, [&](const storage::ConversationRecord& c) {
    if (c.day <= p.as_of) p.conversations.push_back(c);
  });
  if (!s.ok()) return s;
  auto tasks = store.ListTasks({.customer_id = id});
  if (!tasks) return tasks.error();
  p.tasks = std::move(*tasks);
  auto member = store.FindLoyaltyMember(id, false);
  if (!member) return member.error();
  p.loyalty_member = std::move(*member);
  if (p.clv) p.risk = p.clv->risk;
  const int window = ListeningSettings{}.complaint_risk_days;
  for (const auto& c : p.conversations) {
    if (c.complaint && p.as_of - c.day <= window) p.risk_raised_by_complaint = true;
  }
  if (p.risk_raised_by_complaint) p.risk = RaisedRiskBand(p.risk);
  return {};
}

}  // namespace

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
  if (request.base_may_be_stale && !request.as_of) {
    for (const auto& o : p.order_history) p.as_of = std::max(p.as_of, o.order.ordered_at.day);
  }

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
  if (auto st = LoadListening(store, request.customer_id, p); !st.ok()) return core::Err(st);
  return p;
}

void WriteCustomerJson(core::JsonOut& out, const model::Customer& c,
                       std::optional<core::Day> age_on) {
  out.StartObject();
  out.Field("customer_id", c.external_id);
  out.Field("first_name", c.first_name);
  out.Field("last_name", c.last_name);
  out.Field("email", c.email);
  out.Field("phone", c.phone);
  out.Field("street", c.street);
  out.Field("postal_code", c.postal_code);
  out.Field("city", c.city);
  out.Field("country", c.country);
  if (c.birth_date) {
    out.Field("birth_date", core::FormatDay(*c.birth_date));
  } else {
    out.NullField("birth_date");
  }
  if (c.birth_date && age_on) {
    out.Field("age", AgeOn(*c.birth_date, *age_on));
  } else {
    out.NullField("age");
  }
  out.Field("gender", c.gender);
  out.Field("language", c.language);
  out.Field("type", model::KindName(c.kind));
  out.Field("company", c.company);
  out.Key("tags");
  out.StartArray();
  for (const auto& t : c.tags) out.String(t);
  out.EndArray();
  out.Key("attributes");
  out.StartObject();
  for (const auto& [k, v] : c.attributes) out.Field(k, v);
  out.EndObject();
  out.Key("consents");
  WriteConsents(out, c.consents);
  out.Field("referral_source", c.referral_source);
  out.EndObject();
}

std::string CustomerJson(const model::Customer& c, std::optional<core::Day> age_on) {
  core::JsonOut out;
  WriteCustomerJson(out, c, age_on);
  return out.Take();
}

void WriteListening(core::JsonOut& out, const CustomerProfile& p) {
  out.Key("risk");
  out.StartObject();
  out.Field("band", p.risk.empty() ? std::nullopt : std::optional<std::string_view>(p.risk));
  out.Field("raised_by_complaint", p.risk_raised_by_complaint);
  out.EndObject();
  out.Key("feedback");
  out.StartArray();
  for (const auto& f : p.feedback) {
    out.StartObject();
    out.Field("id", f.id);
    out.Field("day", core::FormatDay(f.day));
    out.Field("score", f.score);
    out.Field("comment", f.comment);
    out.Field("order_id", f.order_id);
    out.Field("via", f.via);
    out.EndObject();
  }
  out.EndArray();
  out.Key("conversations");
  out.StartArray();
  for (const auto& c : p.conversations) {
    out.StartObject();
    out.Field("id", c.id);
    out.Field("day", core::FormatDay(c.day));
    out.Field("channel", c.channel);
    out.Field("topic", c.topic);
    out.Field("complaint", c.complaint);
    out.Field("status", c.status);
    out.Field("assignee", c.assignee);
    out.Field("opened_at", c.opened_at);
    out.Field("first_response_at", c.first_response_at);
    out.Field("closed_at", c.closed_at);
    out.EndObject();
  }
  out.EndArray();
  out.Key("tasks");
  out.StartArray();
  for (const auto& t : p.tasks) {
    out.StartObject();
    out.Field("id", t.id);
    out.Field("kind", t.kind);
    out.Field("reason", t.reason);
    out.Field("due", core::FormatDay(t.due));
    out.Field("status", t.status);
    out.Field("assignee", t.assignee);
    out.EndObject();
  }
  out.EndArray();
}

std::string CustomerProfileJson(const CustomerProfile& p) {
  core::JsonOut out;
  out.StartObject();
  out.Field("as_of", core::FormatDay(p.as_of));
  out.Key("profile");
  WriteCustomerJson(out, p.customer, p.as_of);
  out.Key("classification");
  out.StartObject();
  out.Field("tenure", TenureName(p.tenure));
  out.Field("existing_min_orders", p.existing_min_orders);
  out.EndObject();
  out.Key("lifecycle");
  out.StartObject();
  out.Field("stage", p.stage
                         ? std::optional<std::string_view>(analytics::LifecycleStageName(*p.stage))
                         : std::nullopt);
  out.Field("own_gap_days", p.own_gap_days);
  out.Field("expected_gap_days", p.expected_gap_days);
  out.Field("days_since_last_order", p.days_since_last_order);
  out.EndObject();
  out.Key("totals");
  out.StartObject();
  out.Field("orders", p.orders);
  out.Field("revenue", p.revenue);
  out.Field("returned", p.returned);
  out.EndObject();
  out.Key("rfm");
  WriteRfm(out, p);
  out.Key("clv");
  WriteClv(out, p);
  out.Key("orders");
  out.StartArray();
  for (const auto& o : p.order_history) WriteOrder(out, o);
  out.EndArray();
  out.Key("returns");
  out.StartArray();
  for (const auto& r : p.returns) {
    out.StartObject();
    out.Field("return_id", r.external_id);
    out.Field("order_id", r.order_external_id);
    out.Field("returned_at", core::FormatTimestamp(r.returned_at));
    out.Field("amount", r.amount_minor);
    out.Field("reason", r.reason);
    out.EndObject();
  }
  out.EndArray();
  WriteListening(out, p);
  // Whether to ask /api/v1/loyalty/members/{id} for points and statement.
  out.Key("loyalty");
  if (p.loyalty_member) {
    out.StartObject();
    out.Field("member", true);
    out.Field("tier", p.loyalty_member->tier);
    out.Field("member_since", core::FormatDay(p.loyalty_member->enrolled_day));
    out.EndObject();
  } else {
    out.Null();
  }
  out.Field("amounts", "minor units (cents)");
  out.EndObject();
  return out.Take();
}

}  // namespace retain::app
