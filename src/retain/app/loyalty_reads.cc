// LoyaltyClub's reads: a member's view and history, what a basket would
// earn, and the shop's points liability.
#include <map>

#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

core::Result<LoyaltyMember> MemberOrFail(storage::Store& s, const loyalty::LoyaltyProgram& p,
                                         const std::string& customer_id) {
  auto m = LoadMember(s, p, customer_id, false);
  if (!m) return core::Err(m.error());
  if (!*m) {
    return core::Err(
        core::NotFound("customer '" + customer_id + "' is not a member of the Kunden-Club"));
  }
  return std::move(**m);
}

// Credits count for the member, debits against them.
bool IsCredit(loyalty::TransferKind k) {
  return k == loyalty::TransferKind::kEarn || k == loyalty::TransferKind::kBonus ||
         k == loyalty::TransferKind::kRestore;
}

// The age band of points earned on `earned`, seen on `day`.
const char* AgeBand(const loyalty::LoyaltyProgram&, core::Day earned, core::Day day) {
  if (earned > loyalty::AddMonths(day, -6)) return "0-6 months";
  if (earned > loyalty::AddMonths(day, -12)) return "6-12 months";
  if (earned > loyalty::AddMonths(day, -24)) return "1-2 years";
  return "over 2 years";
}

}  // namespace

core::Result<json> LoyaltyClub::Member(storage::Store& s, const std::string& customer_id,
                                       core::Day day) const {
  auto m = MemberOrFail(s, program_, customer_id);
  if (!m) return core::Err(m.error());
  return MemberView(program_, *m, day);
}

core::Result<json> LoyaltyClub::History(storage::Store& s, const std::string& customer_id,
                                        int64_t after, int limit) const {
  auto member = s.FindLoyaltyMember(customer_id, false);
  if (!member) return core::Err(member.error());
  if (!*member) {
    return core::Err(
        core::NotFound("customer '" + customer_id + "' is not a member of the Kunden-Club"));
  }
  auto entries = s.LoyaltyEntries(customer_id, after, limit + 1);
  if (!entries) return core::Err(entries.error());
  const bool more = static_cast<int>(entries->size()) > limit;
  if (more) entries->pop_back();
  json j;
  j["customer_id"] = customer_id;
  j["entries"] = json::array();
  for (const auto& e : *entries) {
    const auto kind = KindFromName(e.kind).value_or(loyalty::TransferKind::kEarn);
    json row;
    row["seq"] = e.seq;
    row["kind"] = e.kind;
    row["day"] = core::FormatDay(e.day);
    row["points"] = IsCredit(kind) ? e.points : -e.points;
    row["reference"] = e.reference;
    if (kind == loyalty::TransferKind::kEarn || kind == loyalty::TransferKind::kBonus) {
      row["available_from"] = core::FormatDay(e.available_from);
      row["expires_after"] = core::FormatDay(e.expires_after);
    }
    row["recorded_at"] = e.created_at;
    j["entries"].push_back(std::move(row));
  }
  j["next_after"] = more ? json(entries->back().seq) : json();
  return j;
}

core::Result<json> LoyaltyClub::Simulate(storage::Store& s, const SimulateRequest& r) const {
  size_t tier = 0;
  if (!r.customer_id.empty()) {
    auto m = MemberOrFail(s, program_, r.customer_id);
    if (!m) return core::Err(m.error());
    tier = TierOn(program_, *m, r.basket.day).tier;
  } else if (!r.tier.empty()) {
    tier = program_.tiers.size();
    for (size_t i = 0; i < program_.tiers.size(); ++i) {
      if (program_.tiers[i].name == r.tier) tier = i;
    }
    if (tier == program_.tiers.size()) {
      return core::Err(core::InvalidArgument("tier: no tier '" + r.tier + "' in the program"));
    }
  }
  const auto earned = loyalty::BasketPoints(program_, program_.tiers[tier], r.basket);
  json j;
  j["tier"] = program_.tiers[tier].name;
  j["points"] = earned.points;
  j["base_points"] = earned.base_points;
  j["promotions"] = earned.promotions;
  return j;
}

json LoyaltyClub::ProgramView() const {
  const auto& p = program_;
  json tiers = json::array();
  for (const auto& t : p.tiers) {
    tiers.push_back({{"name", t.name},
                     {"threshold", t.threshold},
                     {"bonus_percent", t.bonus_percent},
                     {"benefits", t.benefits}});
  }
  json promotions = json::array();
  for (const auto& x : p.promotions) {
    promotions.push_back({{"name", x.name},
                          {"first_day", core::FormatDay(x.first_day)},
                          {"last_day", core::FormatDay(x.last_day)},
                          {"channel", x.channel},
                          {"category", x.category},
                          {"multiplier_percent", x.multiplier_percent}});
  }
  return {{"currency", p.currency},
          {"cents_per_point", p.cents_per_point},
          {"tiers", tiers},
          {"tier_window_months", p.tier_window_months},
          {"tier_hold_months", p.tier_hold_months},
          {"redeem_block_points", p.redeem_block_points},
          {"block_value_cents", p.block_value_cents},
          {"voucher_valid_months", p.voucher_valid_months},
          {"expiry_years_after", p.expiry_years_after},
          {"pending_days", p.pending_days},
          {"birthday_points", p.birthday_points},
          {"referral_points_referrer", p.referral_points_referrer},
          {"referral_points_new_member", p.referral_points_new_member},
          {"renewal_points", p.renewal_points},
          {"promotions", promotions}};
}

core::Result<json> LoyaltyClub::Liability(storage::Store& s, core::Day day) const {
  struct Sum {
    int64_t members = 0, points = 0;
  };
  std::vector<Sum> by_tier(program_.tiers.size());
  std::map<std::string, int64_t> by_age;
  int64_t members = 0, outstanding = 0, pending = 0, awaiting_expiry = 0, debt = 0;
  auto st = ForEachMember(
      s, program_,
      [&](const storage::LoyaltyMemberRecord&, const std::vector<storage::LoyaltyEntryRecord>&,
          const core::Result<LoyaltyMember>& m) -> core::Status {
        if (!m) return m.error();
        ++members;
        auto& tier = by_tier[TierOn(program_, *m, day).tier];
        ++tier.members;
        debt += m->ledger.Debt();
        for (const auto& lot : m->ledger.lots()) {
          if (lot.remaining <= 0) continue;
          if (day > lot.expires_after) {
            awaiting_expiry += lot.remaining;
            continue;
          }
          outstanding += lot.remaining;
          if (lot.available_from > day) pending += lot.remaining;
          tier.points += lot.remaining;
          by_age[AgeBand(program_, lot.earned, day)] += lot.remaining;
        }
        return {};
      });
  if (!st.ok()) return core::Err(st);
  auto value = [&](int64_t points) {
    return points * program_.block_value_cents / program_.redeem_block_points;
  };
  json j;
  j["as_of"] = core::FormatDay(day);
  j["currency"] = program_.currency;
  j["members"] = members;
  j["points_outstanding"] = outstanding;
  j["value_cents"] = value(outstanding);
  j["points_pending"] = pending;
  j["points_awaiting_expiry"] = awaiting_expiry;
  j["debt_points"] = debt;
  j["by_tier"] = json::array();
  for (size_t i = 0; i < by_tier.size(); ++i) {
    j["by_tier"].push_back({{"tier", program_.tiers[i].name},
                            {"members", by_tier[i].members},
                            {"points", by_tier[i].points},
                            {"value_cents", value(by_tier[i].points)}});
  }
  j["by_age"] = json::array();
  for (const char* band : {"0-6 months", "6-12 months", "1-2 years", "over 2 years"}) {
    const int64_t points = by_age.count(band) ? by_age[band] : 0;
    j["by_age"].push_back({{"age", band}, {"points", points}, {"value_cents", value(points)}});
  }
  return j;
}

}  // namespace retain::app
