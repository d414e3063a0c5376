#include "retain/app/loyalty_member.h"

#include <algorithm>
#include <array>
#include <utility>

namespace retain::app {
namespace {

constexpr std::array<std::pair<loyalty::TransferKind, const char*>, 6> kKinds = {{
    {loyalty::TransferKind::kEarn, "earn"},
    {loyalty::TransferKind::kBonus, "bonus"},
    {loyalty::TransferKind::kReverse, "reverse"},
    {loyalty::TransferKind::kRedeem, "redeem"},
    {loyalty::TransferKind::kRestore, "restore"},
    {loyalty::TransferKind::kExpire, "expire"},
}};

loyalty::TierState StoredTier(const loyalty::LoyaltyProgram& program,
                              const storage::LoyaltyMemberRecord& r) {
  size_t index = 0;
  for (size_t i = 0; i < program.tiers.size(); ++i) {
    if (program.tiers[i].name == r.tier) index = i;
  }
  return {index, r.tier_since, r.tier_held_until};
}

}  // namespace

core::Status AsStorageError(const core::Status& s) {
  return s.code() == core::Code::kInternal ? s : core::IoError(s.message());
}

loyalty::Transfer Credit(const loyalty::LoyaltyProgram& program, loyalty::TransferKind kind,
                         core::Day day, int64_t points, std::string reference,
                         core::Day available_from) {
  loyalty::Transfer t;
  t.kind = kind;
  t.day = day;
  t.points = points;
  t.reference = std::move(reference);
  t.available_from = available_from;
  t.expires_after = loyalty::PointsExpireAfter(program, day);
  return t;
}

const char* KindName(loyalty::TransferKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<loyalty::TransferKind> KindFromName(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (name == n) return k;
  }
  return std::nullopt;
}

loyalty::Transfer TransferOf(const storage::LoyaltyEntryRecord& e) {
  loyalty::Transfer t;
  t.seq = e.seq;
  t.kind = KindFromName(e.kind).value_or(loyalty::TransferKind::kEarn);
  t.day = e.day;
  t.points = e.points;
  t.reference = e.reference;
  t.available_from = e.available_from;
  t.expires_after = e.expires_after;
  return t;
}

storage::LoyaltyEntryRecord EntryOf(const loyalty::Transfer& t, const std::string& created_at) {
  return {t.seq,       KindName(t.kind), t.day,           t.points,
          t.reference, t.available_from, t.expires_after, created_at};
}

core::Result<LoyaltyMember> MemberFromEntries(
    const loyalty::LoyaltyProgram& program, storage::LoyaltyMemberRecord record,
    const std::vector<storage::LoyaltyEntryRecord>& entries) {
  LoyaltyMember m;
  m.transfers.reserve(entries.size());
  for (const auto& e : entries) {
    if (!KindFromName(e.kind)) {
      return core::Err(core::Internal("member '" + record.customer_id + "': ledger entry " +
                                      std::to_string(e.seq) + " has unknown kind '" + e.kind +
                                      "'"));
    }
    m.transfers.push_back(TransferOf(e));
  }
  auto ledger = loyalty::Replay(m.transfers);
  if (!ledger) {
    return core::Err(core::Internal("member '" + record.customer_id + "': " +
                                    ledger.error().message() + " (run `retain loyalty check`)"));
  }
  m.ledger = std::move(*ledger);
  m.tier = StoredTier(program, record);
  m.record = std::move(record);
  return m;
}

core::Result<std::optional<LoyaltyMember>> LoadMember(storage::Store& store,
                                                      const loyalty::LoyaltyProgram& program,
                                                      const std::string& customer_id, bool lock) {
  auto record = store.FindLoyaltyMember(customer_id, lock);
  if (!record) return core::Err(record.error());
  if (!*record) return std::optional<LoyaltyMember>();
  auto entries = store.LoyaltyEntries(customer_id, 0, 0);
  if (!entries) return core::Err(entries.error());
  auto m = MemberFromEntries(program, std::move(**record), *entries);
  if (!m) return core::Err(m.error());
  return std::optional<LoyaltyMember>(std::move(*m));
}

int64_t EarnedInWindow(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                       core::Day day) {
  return m.ledger.EarnedBetween(loyalty::TierWindowStart(program, day), day);
}

loyalty::TierState TierOn(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                          core::Day day) {
  return loyalty::EvaluateTier(program, m.tier, day, EarnedInWindow(program, m, day));
}

core::Status AppendTransfers(storage::Store& store, const loyalty::LoyaltyProgram& program,
                             LoyaltyMember& m, std::vector<loyalty::Transfer> transfers,
                             const loyalty::TierState& tier, const std::string& now) {
  auto all = m.transfers;
  int64_t seq = m.record.last_seq;
  for (auto& t : transfers) {
    t.seq = ++seq;
    all.push_back(t);
  }
  auto ledger = loyalty::Replay(all);
  if (!ledger) {
    return core::Internal("member '" + m.record.customer_id +
                          "': refused to write a broken ledger: " + ledger.error().message());
  }
  std::vector<storage::LoyaltyEntryRecord> entries;
  entries.reserve(transfers.size());
  for (const auto& t : transfers) entries.push_back(EntryOf(t, now));
  if (!entries.empty()) {
    if (auto s = store.AppendLoyaltyEntries(m.record.customer_id, entries); !s.ok()) {
      return AsStorageError(s);
    }
  }
  m.record.last_seq = seq;
  m.record.tier = program.tiers.at(tier.tier).name;
  m.record.tier_since = tier.since;
  m.record.tier_held_until = tier.held_until;
  if (auto s = store.SaveLoyaltyMember(m.record); !s.ok()) return AsStorageError(s);
  m.transfers = std::move(all);
  m.ledger = std::move(*ledger);
  m.tier = tier;
  return {};
}

core::Status ForEachMember(
    storage::Store& store, const loyalty::LoyaltyProgram& program,
    const std::function<core::Status(const storage::LoyaltyMemberRecord&,
                                     const std::vector<storage::LoyaltyEntryRecord>&,
                                     const core::Result<LoyaltyMember>&)>& fn) {
  std::vector<storage::LoyaltyMemberRecord> members;
  if (auto s = store.ScanLoyaltyMembers(
          [&](const storage::LoyaltyMemberRecord& m) { members.push_back(m); });
      !s.ok()) {
    return s;
  }
  size_t next = 0;
  core::Status failed;
  const std::vector<storage::LoyaltyEntryRecord> none;
  auto hand_over = [&](const storage::LoyaltyMemberRecord& rec,
                       const std::vector<storage::LoyaltyEntryRecord>& entries) {
    if (failed.ok()) failed = fn(rec, entries, MemberFromEntries(program, rec, entries));
  };
  // Hands over the members without entries before `customer`, then `customer`.
  std::vector<storage::LoyaltyEntryRecord> entries;
  std::string current;
  auto finish_group = [&] {
    while (next < members.size() && members[next].customer_id != current) {
      hand_over(members[next++], none);
    }
    if (next < members.size()) hand_over(members[next++], entries);
    entries.clear();
  };
  auto s = store.ScanLoyaltyEntries(
      [&](const std::string& customer, const storage::LoyaltyEntryRecord& e) {
        if (!failed.ok()) return;
        if (customer != current) {
          if (!current.empty()) finish_group();
          current = customer;
        }
        entries.push_back(e);
      });
  if (!s.ok()) return s;
  if (!current.empty()) finish_group();
  while (next < members.size()) hand_over(members[next++], none);
  return failed;
}

nlohmann::ordered_json MemberView(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                                  core::Day day) {
  const auto tier = TierOn(program, m, day);
  const int64_t earned = EarnedInWindow(program, m, day);
  const auto& t = program.tiers.at(tier.tier);
  nlohmann::ordered_json j;
  j["customer_id"] = m.record.customer_id;
  j["as_of"] = core::FormatDay(day);
  j["member_since"] = core::FormatDay(m.record.enrolled_day);
  j["referred_by"] = m.record.referred_by.empty() ? nlohmann::ordered_json()
                                                  : nlohmann::ordered_json(m.record.referred_by);
  j["tier"] = t.name;
  j["tier_since"] = core::FormatDay(tier.since);
  j["tier_held_until"] = core::FormatDay(tier.held_until);
  j["points_available"] = m.ledger.Available(day);
  j["points_pending"] = m.ledger.Pending(day);
  j["points_expiring_30d"] = m.ledger.Expiring(day, 30);
  j["points_earned_12m"] = earned;
  j["balance"] = m.ledger.Balance();
  j["debt"] = m.ledger.Debt();
  if (tier.tier + 1 < program.tiers.size()) {
    const auto& next = program.tiers[tier.tier + 1];
    j["next_tier"] = next.name;
    j["points_to_next_tier"] = std::max<int64_t>(0, next.threshold - earned);
  } else {
    j["next_tier"] = nullptr;
    j["points_to_next_tier"] = nullptr;
  }
  j["bonus_percent"] = t.bonus_percent;
  j["benefits"] = t.benefits;
  return j;
}

}  // namespace retain::app
