// LoyaltyClub's daily jobs (expiry, tiers and birthdays) and the invariant check.
#include <map>
#include <set>
#include <unordered_map>

#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

// Members per write transaction in the daily jobs.
constexpr size_t kMembersPerTransaction = 500;

// The ids of all members, in scan order.
core::Result<std::vector<std::string>> MemberIds(storage::Store& s) {
  std::vector<std::string> ids;
  auto st = s.ScanLoyaltyMembers(
      [&](const storage::LoyaltyMemberRecord& m) { ids.push_back(m.customer_id); });
  if (!st.ok()) return core::Err(st);
  return ids;
}

// Runs `step` for every member, kMembersPerTransaction to a transaction.
core::Result<LoyaltyJobReport> EachMemberInBatches(
    storage::Store& s, const LoyaltyClub::Progress& progress,
    const std::function<core::Status(const std::string&, LoyaltyJobReport&)>& step) {
  auto ids = MemberIds(s);
  if (!ids) return core::Err(ids.error());
  LoyaltyJobReport report;
  const auto total = static_cast<int64_t>(ids->size());
  for (size_t begin = 0; begin < ids->size(); begin += kMembersPerTransaction) {
    if (auto st = s.BeginWrite(); !st.ok()) return core::Err(st);
    const size_t end = std::min(ids->size(), begin + kMembersPerTransaction);
    for (size_t i = begin; i < end; ++i) {
      if (auto st = step((*ids)[i], report); !st.ok()) {
        s.Rollback();
        return core::Err(st);
      }
      ++report.members;
    }
    if (auto st = s.Commit(); !st.ok()) return core::Err(st);
    if (progress) progress(static_cast<int64_t>(end), total);
  }
  return report;
}

// Whether `day` is the birthday of someone born on `birth` (29 February is
// celebrated on 28 February in other years).
bool IsBirthday(core::Day birth, core::Day day) {
  const auto b = core::CivilFromDay(birth), d = core::CivilFromDay(day);
  if (b.month != d.month) return false;
  if (b.day == d.day) return true;
  return b.month == 2 && b.day == 29 && d.day == 28 && !core::IsValidCivil(d.year, 2, 29);
}

}  // namespace

core::Result<LoyaltyJobReport> LoyaltyClub::Expire(storage::Store& s, core::Day day,
                                                   const std::string& now,
                                                   const Progress& progress) const {
  return EachMemberInBatches(
      s, progress, [&](const std::string& id, LoyaltyJobReport& report) -> core::Status {
        auto m = LoadMember(s, program_, id, true);
        if (!m) return m.error();
        if (!*m) return {};  // left meanwhile (members are never removed today)
        auto& member = **m;
        std::vector<loyalty::Transfer> transfers;
        for (const auto& lot : member.ledger.ExpiredLots(day)) {
          loyalty::Transfer t;
          t.kind = loyalty::TransferKind::kExpire;
          t.day = day;
          t.points = lot.remaining;
          t.reference = std::to_string(lot.seq);
          report.points += lot.remaining;
          transfers.push_back(std::move(t));
        }
        if (transfers.empty()) return {};
        ++report.changed;
        report.entries += static_cast<int64_t>(transfers.size());
        return AppendTransfers(s, program_, member, std::move(transfers), member.tier, now);
      });
}

core::Result<LoyaltyJobReport> LoyaltyClub::Recalc(storage::Store& s, core::Day day,
                                                   const std::string& now,
                                                   const Progress& progress) const {
  std::set<std::string> birthdays;
  if (program_.birthday_points > 0) {
    auto st = s.ScanCustomerProfiles([&](int64_t, const model::Customer& c) {
      if (c.birth_date && IsBirthday(*c.birth_date, day)) birthdays.insert(c.external_id);
    });
    if (!st.ok()) return core::Err(st);
  }
  const std::string birthday_ref = "birthday " + std::to_string(core::CivilFromDay(day).year);
  return EachMemberInBatches(
      s, progress, [&](const std::string& id, LoyaltyJobReport& report) -> core::Status {
        auto m = LoadMember(s, program_, id, true);
        if (!m) return m.error();
        if (!*m) return {};
        auto& member = **m;
        const auto tier = TierOn(program_, member, day);
        std::vector<loyalty::Transfer> transfers;
        if (birthdays.count(id) && day >= member.record.enrolled_day) {
          bool granted = false;
          for (const auto& t : member.transfers) {
            granted =
                granted || (t.kind == loyalty::TransferKind::kBonus && t.reference == birthday_ref);
          }
          if (!granted) {
            auto t = Credit(program_, loyalty::TransferKind::kBonus, day, program_.birthday_points,
                            birthday_ref, day);
            report.points += t.points;
            transfers.push_back(std::move(t));
          }
        }
        const bool tier_changed = tier.tier != member.tier.tier ||
                                  tier.since != member.tier.since ||
                                  tier.held_until != member.tier.held_until;
        if (transfers.empty() && !tier_changed) return {};
        ++report.changed;
        report.entries += static_cast<int64_t>(transfers.size());
        return AppendTransfers(s, program_, member, std::move(transfers), tier, now);
      });
}

}  // namespace retain::app
