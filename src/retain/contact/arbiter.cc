#include "retain/contact/arbiter.h"

#include <string_view>

namespace retain::contact {

namespace {

// The channels to try: the customer's preferred one first if it suits.
std::vector<Channel> ChannelOrder(Trigger t, const std::optional<Channel>& preferred) {
  const auto& suits = ChannelsFor(t);
  std::vector<Channel> order;
  if (preferred) {
    for (Channel c : suits) {
      if (c == *preferred) order.push_back(c);
    }
  }
  for (Channel c : suits) {
    if (!preferred || c != *preferred) order.push_back(c);
  }
  return order;
}

// Why the caps refuse a contact of `purpose` and `trigger`; "" when they allow it.
std::string CapRule(Trigger trigger, const CustomerFacts& f, const std::vector<PastContact>& h,
                    core::Day day, const ContactCaps& caps) {
  const Purpose purpose = PurposeOf(trigger);
  if (purpose == Purpose::kService) return {};
  if (f.last_complaint && day >= *f.last_complaint &&
      day - *f.last_complaint < caps.quiet_days_after_complaint) {
    return "quiet_period";
  }
  if (!h.empty() && day - h.back().day < caps.min_gap_days) return "min_gap";
  int recent = 0;
  for (auto it = h.rbegin(); it != h.rend() && day - it->day < 30; ++it) ++recent;
  if (recent >= caps.max_per_30_days) return "max_per_30_days";
  if (!h.empty() && h.back().trigger == trigger) return "variety";
  if (purpose == Purpose::kSales) {
    int sales = 1;  // this one
    int seen = 0;
    for (auto it = h.rbegin(); it != h.rend() && seen < caps.sales_window - 1; ++it, ++seen) {
      if (PurposeOf(it->trigger) == Purpose::kSales) ++sales;
    }
    if (sales > caps.max_sales_in_window) return "sales_share";
  }
  return {};
}

}  // namespace

Decision Arbitrate(const std::vector<Proposal>& proposals, const CustomerFacts& facts,
                   const std::vector<PastContact>& history, core::Day day,
                   const CalendarPolicy& policy) {
  Decision d;
  const ContactCaps& caps = facts.b2b ? policy.business : policy.consumer;
  for (const auto& p : proposals) {
    if (d.contact) {
      d.suppressed.push_back({p.trigger, "outranked"});
      continue;
    }
    const bool advertising = PurposeOf(p.trigger) != Purpose::kService;
    std::optional<PlannedContact> pick;
    const char* refused = "";
    for (Channel c : ChannelOrder(p.trigger, facts.preferred_channel)) {
      const auto perm = MayContact(c, advertising, facts.consents[static_cast<size_t>(c)],
                                   facts.legal, p.categories);
      if (perm.allowed) {
        pick = PlannedContact{p, c, perm.rule, perm.objection_notice};
        break;
      }
      // The most telling refusal: an objection or a missing consent rather
      // than a channel the customer cannot be reached on.
      if (*refused == '\0' || std::string_view(refused) == "unreachable") refused = perm.rule;
    }
    if (!pick) {
      d.suppressed.push_back({p.trigger, std::string("law:") + refused});
      continue;
    }
    if (auto rule = CapRule(p.trigger, facts, history, day, caps); !rule.empty()) {
      d.suppressed.push_back({p.trigger, std::move(rule)});
      continue;
    }
    d.contact = std::move(pick);
  }
  return d;
}

}  // namespace retain::contact
