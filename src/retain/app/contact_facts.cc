#include "retain/app/contact_facts.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "retain/app/consents.h"
#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

using analytics::CustomerProfiles;

model::ConsentState ImportedState(std::string_view text) {
  if (text == "granted") return model::ConsentState::kGranted;
  if (text == "denied") return model::ConsentState::kDenied;
  return model::ConsentState::kUnknown;
}

}  // namespace

core::Result<std::unique_ptr<ContactFacts>> ContactFacts::Load(storage::Store& store,
                                                               const analytics::Snapshot& snapshot,
                                                               const PlanSettings& settings,
                                                               core::Day day) {
  std::unique_ptr<ContactFacts> f(new ContactFacts(snapshot, settings, day));
  f->index_.reserve(snapshot.customers());
  for (uint32_t c = 0; c < snapshot.customers(); ++c)
    f->index_.emplace(snapshot.customer_ids[c], c);
  f->IndexProfiles();
  f->IndexProducts();
  for (auto load : {&ContactFacts::LoadScores, &ContactFacts::LoadMembers,
                    &ContactFacts::LoadConsents, &ContactFacts::LoadContacts,
                    &ContactFacts::LoadRecentOrders, &ContactFacts::LoadListening}) {
    if (auto s = ((*f).*load)(store); !s.ok()) return core::Err(s);
  }
  return f;
}

int64_t ContactFacts::IndexOf(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
}

void ContactFacts::IndexProfiles() {
  const auto& p = s_.profiles;
  key_account_tag_.resize(p.tags.values.size());
  for (size_t v = 0; v < p.tags.values.size(); ++v) {
    key_account_tag_[v] = p.tags.values[v] == "key_account";
  }
  attribute_facts_.resize(p.attributes.values.size());
  for (size_t v = 0; v < p.attributes.values.size(); ++v) {
    const std::string& kv = p.attributes.values[v];
    const size_t sep = kv.find(CustomerProfiles::kAttributeSeparator);
    if (sep == std::string::npos) continue;
    const std::string_view key(kv.data(), sep), value(kv.data() + sep + 1, kv.size() - sep - 1);
    auto& a = attribute_facts_[v];
    if (key == "contract_end") {
      if (auto d = core::ParseDate(value)) a.contract_end = *d;
    } else if (key == "email_source") {
      a.email_from_sale = value == "sale" || value == "checkout" ? 1 : 0;
    } else if (key == "preferred_channel") {
      a.preferred = contact::ParseChannel(value);
    }
  }
}

void ContactFacts::IndexProducts() {
  // The day each product was first sold (up to the planning day), then the
  // products new within the window, counted per category.
  const size_t products = s_.products.size();
  std::vector<core::Day> first(products, std::numeric_limits<core::Day>::max());
  std::vector<uint32_t> category(products, 0);
  for (size_t k = 0; k < s_.item_day.size(); ++k) {
    const uint32_t p = s_.item_product[k];
    if (p == 0 || s_.item_day[k] > day_) continue;
    first[p] = std::min(first[p], s_.item_day[k]);
    if (s_.item_category[k] != 0) category[p] = s_.item_category[k];
  }
  new_products_.assign(s_.categories.size(), 0);
  for (size_t p = 1; p < products; ++p) {
    if (first[p] <= day_ && day_ - first[p] < settings_.policy.new_products_days &&
        category[p] != 0) {
      ++new_products_[category[p]];
    }
  }
}

core::Status ContactFacts::LoadScores(storage::Store& store) {
  p_alive_.assign(s_.customers(), std::numeric_limits<float>::quiet_NaN());
  return store.ScanClvScores([&](const storage::ClvScoreRecord& r) {
    if (int64_t c = IndexOf(r.customer_id); c >= 0) p_alive_[c] = static_cast<float>(r.p_alive);
  });
}

core::Status ContactFacts::LoadMembers(storage::Store& store) {
  const auto& program = settings_.program;
  return ForEachMember(
      store, program,
      [&](const storage::LoyaltyMemberRecord& record,
          const std::vector<storage::LoyaltyEntryRecord>&,
          const core::Result<LoyaltyMember>& m) -> core::Status {
        const int64_t c = IndexOf(record.customer_id);
        if (c < 0) return {};
        Member& out = members_[static_cast<uint32_t>(c)];
        out.tier = record.tier;
        const auto it = std::find_if(program.tiers.begin(), program.tiers.end(),
                                     [&](const loyalty::Tier& t) { return t.name == record.tier; });
        const size_t tier = it == program.tiers.end() ? 0 : it - program.tiers.begin();
        out.top = tier + 1 == program.tiers.size() && tier > 0;
        if (tier > 0 && record.tier_since <= day_) out.tier_since = record.tier_since;
        // A member whose ledger does not replay gets no points messages;
        // `retain loyalty check` reports them.
        if (m) out.expiring_30d = m->ledger.Expiring(day_, 30);
        return {};
      });
}

core::Status ContactFacts::LoadConsents(storage::Store& store) {
  return store.ScanConsents([&](const storage::ConsentRecord& r) {
    if (int64_t c = IndexOf(r.customer_id); c >= 0)
      consents_[static_cast<uint32_t>(c)].push_back(r);
  });
}

core::Status ContactFacts::LoadContacts(storage::Store& store) {
  const auto& policy = settings_.policy;
  return store.ScanInteractions([&](const storage::InteractionRecord& r) {
    const int64_t found = IndexOf(r.customer_id);
    if (found < 0 || r.day > day_) return;
    const auto c = static_cast<uint32_t>(found);
    if (r.kind == "complaint") {
      if (r.day <= day_) complaints_[c] = std::max(complaints_[c], r.day);
      return;
    }
    if (r.kind == "order_problem") {
      // Reported through the API: a problem like an order status.
      if (day_ - r.day <= policy.problem_days) {
        RecentOrder& o = recent_[c];
        if (!o.problem_day || r.day >= *o.problem_day) {
          o.problem_day = r.day;
          o.problem_order_id =
              r.reference.starts_with("order:") ? r.reference.substr(6) : r.reference;
        }
      }
      return;
    }
    const auto trigger = contact::ParseTrigger(r.kind);
    if (!trigger) return;
    if (r.day == day_) {
      today_[c] = true;
      return;
    }
    contact::PastContact& p = history_[c].emplace_back();
    p.day = r.day;
    p.trigger = *trigger;
    p.channel = contact::ParseChannel(r.channel).value_or(contact::Channel::kEmail);
    p.reference = r.reference;
  });
}

core::Status ContactFacts::LoadRecentOrders(storage::Store& store) {
  const auto& policy = settings_.policy;
  const int lookback =
      std::max(policy.problem_days, policy.feedback_after_days + policy.feedback_window_days);
  const auto& problems = settings_.problem_statuses;
  return store.ScanOrdersBetween(day_ - lookback, day_, [&](const storage::OrderStatusFact& o) {
    const int64_t found = IndexOf(o.customer_id);
    if (found < 0) return;
    RecentOrder& r = recent_[static_cast<uint32_t>(found)];
    if (o.day >= r.last_day) {
      r.last_day = o.day;
      r.last_order_id = o.order_id;
    }
    if (day_ - o.day <= policy.problem_days &&
        std::find(problems.begin(), problems.end(), o.status) != problems.end() &&
        (!r.problem_day || o.day >= *r.problem_day)) {
      r.problem_day = o.day;
      r.problem_order_id = o.order_id;
    }
  });
}

core::Status ContactFacts::LoadListening(storage::Store& store) {
  auto s = store.ScanConversations({.complaints_only = true, .to = day_},
                                   [&](const storage::ConversationRecord& r) {
                                     if (int64_t c = IndexOf(r.customer_id); c >= 0) {
                                       auto& latest = complaints_[static_cast<uint32_t>(c)];
                                       latest = std::max(latest, r.day);
                                     }
                                   });
  if (!s.ok()) return s;
  const int days = settings_.policy.review_invitation_days;
  return store.ScanFeedback(
      {.from = day_ - days, .to = day_ - 1}, [&](const storage::FeedbackRecord& f) {
        if (f.score < 9) return;
        if (int64_t c = IndexOf(f.customer_id); c >= 0) {
          promoters_[static_cast<uint32_t>(c)] = {f.day, f.id};  // by day: the latest wins
        }
      });
}

std::string ContactFacts::Language(uint32_t c) const {
  const std::string_view lang = s_.profiles.language.size() > c ? s_.profiles.language.at(c) : "";
  return lang.empty() || lang.starts_with("de") ? "de" : "en";
}

const std::vector<contact::PastContact>& ContactFacts::History(uint32_t c) const {
  static const std::vector<contact::PastContact> kNone;
  auto it = history_.find(c);
  return it == history_.end() ? kNone : it->second;
}

contact::CustomerFacts ContactFacts::Of(uint32_t c) const {
  const auto& p = s_.profiles;
  const auto& policy = settings_.policy;
  contact::CustomerFacts f;
  f.customer_id = s_.customer_ids[c];
  f.b2b = p.kind.at(c) == "b2b";
  f.language = Language(c);
  if (p.birth_day[c] != CustomerProfiles::kNoBirthDay) f.birth_date = p.birth_day[c];
  for (int64_t k = p.tags.offsets[c]; k < p.tags.offsets[c + 1]; ++k) {
    if (key_account_tag_[p.tags.ids[k]]) f.key_account = true;
  }
  int email_from_sale = -1;
  for (int64_t k = p.attributes.offsets[c]; k < p.attributes.offsets[c + 1]; ++k) {
    const AttributeFacts& a = attribute_facts_[p.attributes.ids[k]];
    if (a.contract_end) f.contract_end = a.contract_end;
    if (a.email_from_sale >= 0) email_from_sale = a.email_from_sale;
    if (a.preferred) f.preferred_channel = a.preferred;
  }

  // Orders up to the day.
  const auto begin = s_.order_day.begin() + s_.order_offsets[c];
  const auto end = std::upper_bound(begin, s_.order_day.begin() + s_.order_offsets[c + 1], day_);
  f.orders = static_cast<int>(end - begin);
  if (f.orders > 0) {
    f.first_order = *begin;
    f.last_order = *(end - 1);
    int distinct_days = 1;
    for (auto it = begin + 1; it < end; ++it) distinct_days += *it != *(it - 1);
    if (distinct_days >= 2) {
      f.mean_gap_days = static_cast<double>(f.last_order - f.first_order) / (distinct_days - 1);
    }
  }
  if (!std::isnan(p_alive_[c])) f.p_alive = p_alive_[c];

  // Categories bought up to the day; the favourite is the one bought most often.
  std::vector<std::pair<uint32_t, int>> counts;
  for (int64_t k = s_.item_offsets[c]; k < s_.item_offsets[c + 1]; ++k) {
    const uint32_t cat = s_.item_category[k];
    if (cat == 0 || s_.item_day[k] > day_) continue;
    auto it = std::find_if(counts.begin(), counts.end(), [&](auto& e) { return e.first == cat; });
    if (it == counts.end()) {
      counts.emplace_back(cat, 1);
    } else {
      ++it->second;
    }
  }
  if (!counts.empty()) {
    const auto fav = std::max_element(counts.begin(), counts.end(), [&](auto& a, auto& b) {
      return a.second != b.second ? a.second < b.second
                                  : s_.categories[a.first] > s_.categories[b.first];
    });
    f.favourite_category = s_.categories[fav->first];
    f.new_products_in_favourite = new_products_[fav->first];
    for (const auto& [cat, n] : counts) f.categories.push_back(s_.categories[cat]);
    std::sort(f.categories.begin(), f.categories.end());
  }

  if (auto it = recent_.find(c); it != recent_.end()) {
    if (f.orders > 0 && it->second.last_day == f.last_order) {
      f.last_order_id = it->second.last_order_id;
    }
    f.problem_day = it->second.problem_day;
    f.problem_order_id = it->second.problem_order_id;
  }
  if (auto it = complaints_.find(c); it != complaints_.end()) f.last_complaint = it->second;
  if (auto it = promoters_.find(c); it != promoters_.end()) {
    f.promoter_day = it->second.day;
    f.promoter_feedback_id = it->second.feedback_id;
  }
  if (auto it = members_.find(c); it != members_.end()) {
    f.member = true;
    f.tier = it->second.tier;
    f.top_tier = it->second.top;
    f.tier_since = it->second.tier_since;
    f.points_expiring_30d = it->second.expiring_30d;
  }

  // Consent and the law.
  const model::ChannelConsents imported = {
      ImportedState(p.consent_email.at(c)), ImportedState(p.consent_sms.at(c)),
      ImportedState(p.consent_phone.at(c)), ImportedState(p.consent_letter.at(c))};
  static const std::vector<storage::ConsentRecord> kNone;
  const auto rec = consents_.find(c);
  f.consents = EffectiveConsents(imported, rec == consents_.end() ? kNone : rec->second);
  const uint8_t reach = p.reach.size() > c ? p.reach[c] : 0;
  using enum contact::Channel;
  f.legal.b2b = f.b2b;
  f.legal.reachable[static_cast<size_t>(kEmail)] = reach & CustomerProfiles::kReachEmail;
  f.legal.reachable[static_cast<size_t>(kSms)] = reach & CustomerProfiles::kReachPhone;
  f.legal.reachable[static_cast<size_t>(kPhone)] = reach & CustomerProfiles::kReachPhone;
  f.legal.reachable[static_cast<size_t>(kLetter)] = reach & CustomerProfiles::kReachPost;
  f.legal.email_from_sale =
      f.orders > 0 && (email_from_sale >= 0 ? email_from_sale == 1 : settings_.email_from_sale);
  f.legal.objection_notice_at_collection = policy.objection_notice_at_collection;
  f.legal.b2b_presumed_phone_interest = policy.b2b_presumed_phone_interest;
  f.legal.bought_categories = f.categories;
  return f;
}

}  // namespace retain::app
