// A member's points ledger: append-only double-entry transfers, and what
// follows from them (lots, balances, debt), derived by replaying them.
//
//   std::vector<Transfer> t = ...;                // as stored, in sequence
//   auto state = Replay(t);                       // kInvalidArgument on a broken ledger
//   int64_t can_spend = state->Available(today);
//
// Every transfer moves a positive number of points from one account to
// another, so the accounts always sum to zero: what the program issued
// equals what members hold plus what was redeemed, reversed and expired.
// Lots are never stored apart from the transfers: each credit to the member
// opens one; debits take from lots oldest first (a return first from its
// own order's lot); a debit beyond the member's points becomes a debt that
// later credits pay off first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::loyalty {

enum class Account {
  kMember,    // the member's points
  kIssued,    // the program's source of earned and bonus points
  kRedeemed,  // points turned into vouchers (and back when one is cancelled)
  kReversed,  // points taken back for returns
  kExpired,   // points past their expiry
};

enum class TransferKind {
  kEarn,     // kIssued -> kMember: a purchase
  kBonus,    // kIssued -> kMember: birthday, referral, surprise, ...
  kReverse,  // kMember -> kReversed: a return of an earning purchase
  kRedeem,   // kMember -> kRedeemed: a voucher
  kRestore,  // kRedeemed -> kMember: a voucher cancelled
  kExpire,   // kMember -> kExpired: a lot past its expiry
};

struct Transfer {
  int64_t seq = 0;  // the member's transfers in ascending order
  TransferKind kind = TransferKind::kEarn;
  core::Day day = 0;   // the day it takes effect
  int64_t points = 0;  // > 0
  // What it is about: the order id (earn, reverse), the redemption's
  // request id (redeem, restore), the bonus reason, or for kExpire the seq
  // of the lot's transfer.
  std::string reference;
  // For credits (earn, bonus): the first day the points can be spent and
  // the last day before they expire.
  core::Day available_from = 0;
  core::Day expires_after = 0;
};

// The accounts a transfer debits and credits.
Account From(TransferKind kind);
Account To(TransferKind kind);

// Points from one credit.
struct Lot {
  int64_t seq = 0;  // of the crediting transfer
  std::string reference;
  core::Day earned = 0, available_from = 0, expires_after = 0;
  int64_t points = 0;     // credited
  int64_t remaining = 0;  // not yet spent, reversed or expired
};

class MemberLedger {
 public:
  // Points the member holds (negative while a debt is open).
  int64_t Balance() const { return AccountBalance(Account::kMember); }
  // Points owed after reversals beyond what the member held.
  int64_t Debt() const { return debt_; }
  // Spendable on `day`: in lots available by then and not past expiry.
  int64_t Available(core::Day day) const;
  // Earned but waiting for the return window on `day`.
  int64_t Pending(core::Day day) const;
  // Available on `day` and expiring within `days` days after it.
  int64_t Expiring(core::Day day, int days) const;
  // Purchase points (kEarn) earned in [from, to], less what returns took
  // back from those purchases: what the tiers count.
  int64_t EarnedBetween(core::Day from, core::Day to) const;
  // Lots with points left that are past their expiry on `day` (what the
  // daily expiry job turns into kExpire transfers).
  std::vector<Lot> ExpiredLots(core::Day day) const;
  // The balance of each account (they sum to zero).
  int64_t AccountBalance(Account a) const;
  const std::vector<Lot>& lots() const { return lots_; }

 private:
  friend core::Result<MemberLedger> Replay(const std::vector<Transfer>& transfers);
  std::vector<Lot> lots_;
  int64_t debt_ = 0;
  int64_t accounts_[5] = {};
  struct Earned {
    core::Day day;
    int64_t points;
  };
  std::vector<Earned> earned_;  // per kEarn, net of the returns of its order
};

// Replays a member's transfers in sequence. kInvalidArgument naming the
// transfer when the ledger breaks a rule: seqs not ascending, points not
// positive, a redemption beyond the points available on its day, a restore
// without its redemption or beyond it, an expiry of a lot that is not due
// or of more than it holds, a return beyond its order's points.
core::Result<MemberLedger> Replay(const std::vector<Transfer>& transfers);

}  // namespace retain::loyalty
