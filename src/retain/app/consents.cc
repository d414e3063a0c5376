#include "retain/app/consents.h"

#include "retain/core/date.h"

namespace retain::app {

namespace {

contact::Consent Imported(model::ConsentState s) {
  contact::Consent c;
  if (s == model::ConsentState::kGranted) {
    c.status = contact::ConsentStatus::kGranted;
    c.basis = contact::LegalBasis::kConsent;
  } else if (s == model::ConsentState::kDenied) {
    c.status = contact::ConsentStatus::kDenied;
  }
  if (s != model::ConsentState::kUnknown) c.source = "import";
  return c;
}

nlohmann::ordered_json ConsentJson(contact::Channel channel, const contact::Consent& c,
                                   const std::string& actor) {
  return {{"channel", contact::ChannelName(channel)},
          {"status", contact::StatusName(c.status)},
          {"basis", contact::BasisName(c.basis)},
          {"source", c.source},
          {"changed_at", c.changed_at},
          {"confirmed_at", c.confirmed_at},
          {"proof", c.proof},
          {"actor", actor}};
}

core::Status Bad(const std::string& field, const std::string& message) {
  return core::InvalidArgument(field + ": " + message);
}

}  // namespace

contact::Consent ConsentOf(const storage::ConsentRecord& r) {
  contact::Consent c;
  c.status = contact::ParseStatus(r.status).value_or(contact::ConsentStatus::kUnknown);
  c.basis = contact::ParseBasis(r.basis).value_or(contact::LegalBasis::kNone);
  c.source = r.source;
  c.changed_at = r.changed_at;
  c.confirmed_at = r.confirmed_at;
  c.proof = r.proof;
  return c;
}

namespace {

// The recorded consent that counts on each channel; nullptr where the
// import's does (see EffectiveConsents).
std::array<const storage::ConsentRecord*, 4> RecordedWinners(
    const model::ChannelConsents& imported, const std::vector<storage::ConsentRecord>& recorded) {
  const model::ConsentState from_import[] = {imported.email, imported.sms, imported.phone,
                                             imported.letter};
  std::array<const storage::ConsentRecord*, 4> out{};
  for (contact::Channel ch : contact::kChannels) {
    const size_t i = static_cast<size_t>(ch);
    const storage::ConsentRecord* own = nullptr;
    for (const auto& r : recorded) {
      if (r.channel == contact::ChannelName(ch)) own = &r;
    }
    if (own && !contact::Objected(ConsentOf(*own)) &&
        from_import[i] == model::ConsentState::kDenied) {
      own = nullptr;  // the shop's refusal beats a recorded consent
    }
    out[i] = own;
  }
  return out;
}

model::ConsentState ImportedState(const model::ChannelConsents& c, contact::Channel ch) {
  const model::ConsentState all[] = {c.email, c.sms, c.phone, c.letter};
  return all[static_cast<size_t>(ch)];
}

}  // namespace

std::array<contact::Consent, 4> EffectiveConsents(
    const model::ChannelConsents& imported, const std::vector<storage::ConsentRecord>& recorded) {
  const auto winners = RecordedWinners(imported, recorded);
  std::array<contact::Consent, 4> out;
  for (contact::Channel ch : contact::kChannels) {
    const size_t i = static_cast<size_t>(ch);
    out[i] = winners[i] ? ConsentOf(*winners[i]) : Imported(ImportedState(imported, ch));
  }
  return out;
}

core::Status CheckConsentChange(const ConsentChange& change) {
  const auto channel = contact::ParseChannel(change.channel);
  if (!channel) return Bad("channel", "must be email, sms, phone or letter");
  const auto status = contact::ParseStatus(change.status);
  if (!status || *status == contact::ConsentStatus::kUnknown) {
    return Bad("status", "must be granted, denied or revoked");
  }
  const auto basis = contact::ParseBasis(change.basis);
  if (!basis) return Bad("basis", "must be consent, double_opt_in, uwg_7_3 or contract");
  contact::Consent c;
  c.status = *status;
  c.basis = *basis;
  c.confirmed_at = change.confirmed_at;
  c.proof = change.proof;
  if (auto problem = contact::ConsentProblem(*channel, c); !problem.empty()) {
    const char* field = c.basis == contact::LegalBasis::kDoubleOptIn
                            ? (change.confirmed_at.empty() ? "confirmed_at" : "proof")
                            : "basis";
    return Bad(field, problem);
  }
  if (!change.changed_at.empty() && !core::ParseTimestamp(change.changed_at)) {
    return Bad("changed_at", "must be an ISO 8601 time");
  }
  return {};
}

core::Status RecordConsent(storage::Store& store, const ConsentChange& change,
                           const std::string& actor, const std::string& now) {
  if (auto s = CheckConsentChange(change); !s.ok()) return s;
  const std::string at = change.changed_at.empty() ? now : change.changed_at;
  storage::ConsentRecord r{change.customer_id,  change.channel, change.status,
                           change.basis,        change.source,  at,
                           change.confirmed_at, change.proof,   actor};
  if (auto s = store.SaveConsent(r); !s.ok()) return s;
  const nlohmann::ordered_json detail = {
      {"channel", r.channel}, {"status", r.status}, {"basis", r.basis}, {"source", r.source}};
  return store.AppendAudit({0, now, actor, "consent", change.customer_id, detail.dump()});
}

core::Result<nlohmann::ordered_json> ConsentsJson(storage::Store& store,
                                                  const std::string& customer_id,
                                                  bool with_history) {
  auto customer = store.FindCustomer(customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) return core::Err(core::NotFound("unknown customer '" + customer_id + "'"));
  auto recorded = store.CustomerConsents(customer_id);
  if (!recorded) return core::Err(recorded.error());
  const auto winners = RecordedWinners((*customer)->consents, *recorded);
  nlohmann::ordered_json out = {{"customer_id", customer_id},
                                {"consents", nlohmann::ordered_json::array()}};
  for (contact::Channel ch : contact::kChannels) {
    const auto* w = winners[static_cast<size_t>(ch)];
    out["consents"].push_back(
        w ? ConsentJson(ch, ConsentOf(*w), w->actor)
          : ConsentJson(ch, Imported(ImportedState((*customer)->consents, ch)), ""));
  }
  if (with_history) {
    auto history = store.ConsentHistory(customer_id);
    if (!history) return core::Err(history.error());
    out["history"] = nlohmann::ordered_json::array();
    for (const auto& r : *history) {
      auto ch = contact::ParseChannel(r.channel).value_or(contact::Channel::kEmail);
      out["history"].push_back(ConsentJson(ch, ConsentOf(r), r.actor));
    }
  }
  return out;
}

}  // namespace retain::app
