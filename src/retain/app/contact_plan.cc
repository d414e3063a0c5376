#include "retain/app/contact_plan.h"

#include <algorithm>
#include <numeric>

#include "retain/app/contact_facts.h"
#include "retain/app/segments.h"

namespace retain::app {
namespace {

// "de-sie", "de-du" or "en": the language variant of a message.
std::string Variant(const std::string& language, bool informal) {
  if (language != "de") return "en";
  return informal ? "de-du" : "de-sie";
}

int Priority(contact::Trigger t) { return static_cast<int>(contact::PurposeOf(t)) + 1; }

core::Result<std::vector<uint32_t>> Audience(storage::Store& store,
                                             const analytics::Snapshot& snapshot,
                                             const PlanRequest& request) {
  if (request.segment.empty()) {
    std::vector<uint32_t> all(snapshot.customers());
    std::iota(all.begin(), all.end(), 0u);
    return all;
  }
  auto segment = FindNamedSegment(store, request.segment);
  if (!segment) return core::Err(segment.error());
  auto table = LoadCustomerTable(store, snapshot, request.day);
  if (!table) return core::Err(table.error());
  auto match = MatchSegment(snapshot, *table, segment->rule);
  if (!match) return core::Err(match.error());
  return std::move(match->members);
}

nlohmann::ordered_json OfferJson(const contact::Offer& o) {
  if (o.kind.empty()) return nullptr;
  return {{"kind", o.kind}, {"value", o.value}};
}

}  // namespace

core::Result<PlanReport> BuildPlan(storage::Store& store, const analytics::Snapshot& snapshot,
                                   const PlanSettings& settings, const PlanRequest& request) {
  if (auto s = contact::Validate(settings.policy); !s.ok()) return core::Err(s);
  auto audience = Audience(store, snapshot, request);
  if (!audience) return core::Err(audience.error());
  auto facts = ContactFacts::Load(store, snapshot, settings, request.day);
  if (!facts) return core::Err(facts.error());

  PlanReport plan;
  plan.day = request.day;
  plan.segment = request.segment;
  plan.customers = static_cast<int64_t>(audience->size());
  for (uint32_t c : *audience) {
    if ((*facts)->ContactedToday(c)) {
      ++plan.already_contacted;
      continue;
    }
    const contact::CustomerFacts f = (*facts)->Of(c);
    const auto& history = (*facts)->History(c);
    const auto proposals = contact::ProposeContacts(f, history, request.day, settings.policy);
    if (proposals.empty()) continue;
    ++plan.candidates;
    auto decision = contact::Arbitrate(proposals, f, history, request.day, settings.policy);
    for (const auto& s : decision.suppressed) ++plan.suppressed[s.rule];
    if (request.list_held_back) {
      for (const auto& s : decision.suppressed) {
        auto p = std::find_if(proposals.begin(), proposals.end(),
                              [&](const contact::Proposal& x) { return x.trigger == s.trigger; });
        plan.held_back.push_back(
            {f.customer_id, s.trigger, s.rule,
             p == proposals.end() ? std::string() : contact::ReasonText(*p, f.language)});
      }
    }
    if (!decision.contact) continue;
    PlanEntry& e = plan.contacts.emplace_back();
    e.customer_id = f.customer_id;
    e.language = f.language;
    e.contact = std::move(*decision.contact);
    e.reason = contact::ReasonText(e.contact.proposal, e.language);
    e.template_name = std::string(contact::TriggerName(e.contact.proposal.trigger)) + "." +
                      Variant(e.language, settings.informal);
    ++plan.by_trigger[contact::TriggerName(e.contact.proposal.trigger)];
    ++plan.by_channel[contact::ChannelName(e.contact.channel)];
  }
  return plan;
}

core::Result<CommitReport> CommitPlan(storage::Store& store, const PlanReport& plan,
                                      const std::string& now) {
  CommitReport report;
  for (const auto& e : plan.contacts) {
    storage::InteractionRecord r;
    r.customer_id = e.customer_id;
    r.day = plan.day;
    r.kind = contact::TriggerName(e.contact.proposal.trigger);
    r.channel = contact::ChannelName(e.contact.channel);
    r.reference = e.contact.proposal.reference;
    nlohmann::ordered_json detail = PlanEntryJson(e);
    detail.erase("customer_id");
    r.detail = detail.dump();
    r.status = "planned";
    r.created_at = now;
    auto s = store.SaveInteraction(r);
    if (s.code() == core::Code::kAlreadyExists) {
      ++report.already;
    } else if (!s.ok()) {
      return core::Err(s);
    } else {
      ++report.recorded;
    }
  }
  return report;
}

core::Result<bool> ReportOrderProblem(storage::Store& store, const OrderProblem& problem,
                                      const std::string& actor, const std::string& now) {
  if (problem.problem.empty())
    return core::Err(core::InvalidArgument("problem: must not be empty"));
  auto customer = store.CustomerOfOrder(problem.order_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) {
    return core::Err(core::NotFound("no order '" + problem.order_id + "'"));
  }
  storage::InteractionRecord r;
  r.customer_id = **customer;
  r.day = problem.day;
  r.kind = "order_problem";
  r.reference = "order:" + problem.order_id;
  r.detail = nlohmann::json{{"problem", problem.problem}, {"note", problem.note}}.dump();
  r.status = "done";
  r.created_at = now;
  auto s = store.SaveInteraction(r);
  if (s.code() == core::Code::kAlreadyExists) return false;
  if (!s.ok()) return core::Err(s);
  storage::AuditRecord a;
  a.at = now;
  a.actor = actor;
  a.action = "order_problem";
  a.customer_id = r.customer_id;
  a.detail = nlohmann::json{{"order_id", problem.order_id}, {"problem", problem.problem}}.dump();
  if (auto st = store.AppendAudit(a); !st.ok()) return core::Err(st);
  return true;
}

nlohmann::ordered_json PlanEntryJson(const PlanEntry& e) {
  const auto& p = e.contact.proposal;
  return {{"customer_id", e.customer_id},
          {"trigger", contact::TriggerName(p.trigger)},
          {"purpose", contact::PurposeName(contact::PurposeOf(p.trigger))},
          {"priority", Priority(p.trigger)},
          {"reason", e.reason},
          {"reason_code", p.reason},
          {"figures", p.figures},
          {"reference", p.reference},
          {"channel", contact::ChannelName(e.contact.channel)},
          {"legal_rule", e.contact.legal_rule},
          {"objection_notice", e.contact.objection_notice},
          {"template", e.template_name},
          {"language", e.language},
          {"offer", OfferJson(p.offer)},
          {"subject", p.subject},
          {"categories", p.categories}};
}

nlohmann::ordered_json PlanJson(const PlanReport& plan, bool with_contacts) {
  nlohmann::ordered_json j = {{"day", core::FormatDay(plan.day)},
                              {"segment", plan.segment},
                              {"customers", plan.customers},
                              {"candidates", plan.candidates},
                              {"already_contacted", plan.already_contacted},
                              {"planned", plan.contacts.size()},
                              {"by_trigger", plan.by_trigger},
                              {"by_channel", plan.by_channel},
                              {"suppressed", plan.suppressed}};
  if (with_contacts) {
    auto& list = j["contacts"] = nlohmann::ordered_json::array();
    for (const auto& e : plan.contacts) list.push_back(PlanEntryJson(e));
  }
  return j;
}

}  // namespace retain::app
