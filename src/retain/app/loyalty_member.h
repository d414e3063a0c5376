// A loyalty member as the use cases work with them: the stored record, the
// ledger replayed from their entries, and their tier as the program reads it.
//
//   auto m = LoadMember(store, program, "K-1", /*lock=*/true);  // in a write transaction
//   if (!m) return m.error();                                    // storage or broken ledger
//   if (!*m) ...                                                 // not a member
//   AppendTransfers(store, program, **m, {earn}, now);           // validated, then written
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "retain/core/status.h"
#include "retain/loyalty/ledger.h"
#include "retain/loyalty/program.h"
#include "retain/storage/store.h"

namespace retain::app {

struct LoyaltyMember {
  storage::LoyaltyMemberRecord record;
  std::vector<loyalty::Transfer> transfers;  // in sequence
  loyalty::MemberLedger ledger;              // replayed from `transfers`
  loyalty::TierState tier;                   // as stored (see TierOn for a day)
};

// The stored name of a transfer kind ("earn", ...) and back; nullopt for an
// unknown name.
const char* KindName(loyalty::TransferKind kind);
std::optional<loyalty::TransferKind> KindFromName(std::string_view name);

// The transfer an entry records, and the entry of a transfer.
loyalty::Transfer TransferOf(const storage::LoyaltyEntryRecord& e);
storage::LoyaltyEntryRecord EntryOf(const loyalty::Transfer& t, const std::string& created_at);

// A storage failure as the error that makes the write batcher roll back its
// transaction (kIo; a kInternal error stays one).
core::Status AsStorageError(const core::Status& s);

// A credit (earn or bonus) of `points` on `day`, spendable from
// `available_from`, expiring as the program says.
loyalty::Transfer Credit(const loyalty::LoyaltyProgram& program, loyalty::TransferKind kind,
                         core::Day day, int64_t points, std::string reference,
                         core::Day available_from);

// The member `customer_id`, or nullopt when they are not one. `lock` (in a
// write transaction) keeps other writers away from them until it ends.
// kInternal when their stored ledger does not replay (see `retain loyalty check`).
core::Result<std::optional<LoyaltyMember>> LoadMember(storage::Store& store,
                                                      const loyalty::LoyaltyProgram& program,
                                                      const std::string& customer_id, bool lock);

// The member from an already loaded record and entries (for scans).
core::Result<LoyaltyMember> MemberFromEntries(
    const loyalty::LoyaltyProgram& program, storage::LoyaltyMemberRecord record,
    const std::vector<storage::LoyaltyEntryRecord>& entries);

// Points earned by purchases (net of returns) in the tier window ending on `day`.
int64_t EarnedInWindow(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                       core::Day day);

// The member's tier on `day`: the stored one re-evaluated on that day's window.
loyalty::TierState TierOn(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                          core::Day day);

// Numbers `transfers` after the member's last entry, checks that the ledger
// still replays with them (kInternal naming the broken rule if not: callers
// check their requests first), writes them and the member record (with
// `tier`). Updates `m` to the new state.
core::Status AppendTransfers(storage::Store& store, const loyalty::LoyaltyProgram& program,
                             LoyaltyMember& m, std::vector<loyalty::Transfer> transfers,
                             const loyalty::TierState& tier, const std::string& now);

// Calls fn for every member with their ledger replayed (or the error that
// stopped the replay), in the order of Store::ScanLoyaltyMembers. Holds the
// member records in memory while it runs. Stops at fn's first error.
core::Status ForEachMember(
    storage::Store& store, const loyalty::LoyaltyProgram& program,
    const std::function<core::Status(const storage::LoyaltyMemberRecord&,
                                     const std::vector<storage::LoyaltyEntryRecord>&,
                                     const core::Result<LoyaltyMember>&)>& fn);

// What a member sees on `day`: tier (re-evaluated on that day), points
// available, pending and expiring within 30 days, points earned in the tier
// window, the next tier and the points it takes, the tier's benefits.
nlohmann::ordered_json MemberView(const loyalty::LoyaltyProgram& program, const LoyaltyMember& m,
                                  core::Day day);

}  // namespace retain::app
