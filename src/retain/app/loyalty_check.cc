// LoyaltyClub::Check: every balance, lot, voucher, purchase and return must
// agree with the ledger entries (the invariants `retain loyalty check` and
// the tests verify).
#include <unordered_map>

#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;
using loyalty::TransferKind;

struct PurchaseSeen {
  std::string customer;
  int64_t points = 0;
  int64_t returned_points = 0;  // by its return records
  int64_t reversed_points = 0;  // by its members' reverse entries
  bool earned = false;          // an earn entry names it
};

class Findings {
 public:
  void Add(std::string problem) {
    ++total_;
    if (list_.size() < 100) list_.push_back(std::move(problem));
  }
  int64_t total() const { return total_; }
  const std::vector<std::string>& list() const { return list_; }

 private:
  int64_t total_ = 0;
  std::vector<std::string> list_;
};

}  // namespace

core::Result<json> LoyaltyClub::Check(storage::Store& s) const {
  Findings found;
  std::unordered_map<std::string, PurchaseSeen> purchases;
  int64_t purchase_count = 0, return_count = 0, voucher_count = 0, entry_count = 0;
  auto st = s.ScanLoyaltyPurchases([&](const storage::LoyaltyPurchaseRecord& p) {
    ++purchase_count;
    purchases[p.order_id] = {p.customer_id, p.points};
  });
  if (!st.ok()) return core::Err(st);
  st = s.ScanLoyaltyReturns([&](const storage::LoyaltyReturnRecord& r) {
    ++return_count;
    auto it = purchases.find(r.order_id);
    if (it == purchases.end()) {
      found.Add("return '" + r.return_id + "' names unknown purchase '" + r.order_id + "'");
    } else {
      it->second.returned_points += r.points;
    }
  });
  if (!st.ok()) return core::Err(st);
  std::unordered_map<std::string, std::vector<storage::VoucherRecord>> vouchers;
  st = s.ScanVouchers("", [&](const storage::VoucherRecord& v) {
    ++voucher_count;
    vouchers[v.customer_id].push_back(v);
  });
  if (!st.ok()) return core::Err(st);

  int64_t members = 0;
  int64_t accounts[5] = {};  // summed from the entries directly, not from the replay
  st = ForEachMember(
      s, program_,
      [&](const storage::LoyaltyMemberRecord& rec,
          const std::vector<storage::LoyaltyEntryRecord>& entries,
          const core::Result<LoyaltyMember>& m) -> core::Status {
        ++members;
        entry_count += static_cast<int64_t>(entries.size());
        const std::string who = "member '" + rec.customer_id + "': ";
        if (!m) return found.Add(m.error().message()), core::Status();
        for (size_t i = 0; i < entries.size(); ++i) {
          if (entries[i].seq != static_cast<int64_t>(i) + 1) {
            found.Add(who + "entry " + std::to_string(entries[i].seq) + " out of sequence");
            break;
          }
        }
        if (rec.last_seq != static_cast<int64_t>(entries.size())) {
          found.Add(who + "last_seq " + std::to_string(rec.last_seq) + " but " +
                    std::to_string(entries.size()) + " entries");
        }
        bool tier_known = false;
        for (const auto& t : program_.tiers) tier_known = tier_known || t.name == rec.tier;
        if (!tier_known) found.Add(who + "tier '" + rec.tier + "' is not in the program");
        std::unordered_map<std::string, const storage::VoucherRecord*> mine;
        int64_t voucher_points = 0;
        for (const auto& v : vouchers[rec.customer_id]) {
          mine[v.request_id] = &v;
          if (v.state != "cancelled") voucher_points += v.points;
        }
        for (const auto& t : m->transfers) {
          accounts[static_cast<int>(loyalty::From(t.kind))] -= t.points;
          accounts[static_cast<int>(loyalty::To(t.kind))] += t.points;
          if (t.kind == TransferKind::kEarn || t.kind == TransferKind::kReverse) {
            auto p = purchases.find(t.reference);
            if (p == purchases.end() || p->second.customer != rec.customer_id) {
              found.Add(who + "entry " + std::to_string(t.seq) + " names purchase '" + t.reference +
                        "', which is not theirs");
            } else if (t.kind == TransferKind::kReverse) {
              p->second.reversed_points += t.points;
            } else if (p->second.earned || p->second.points != t.points) {
              found.Add(who + "purchase '" + t.reference + "' credited twice or with " +
                        std::to_string(t.points) + " instead of " +
                        std::to_string(p->second.points) + " points");
            } else {
              p->second.earned = true;
            }
          } else if (t.kind == TransferKind::kRedeem || t.kind == TransferKind::kRestore) {
            auto v = mine.find(t.reference);
            if (v == mine.end() || v->second->points != t.points ||
                (t.kind == TransferKind::kRestore && v->second->state != "cancelled")) {
              found.Add(who + "entry " + std::to_string(t.seq) + " (" + KindName(t.kind) +
                        ") has no matching voucher for request '" + t.reference + "'");
            }
          }
        }
        if (voucher_points != m->ledger.AccountBalance(loyalty::Account::kRedeemed)) {
          found.Add(who + "vouchers hold " + std::to_string(voucher_points) +
                    " points, the ledger " +
                    std::to_string(m->ledger.AccountBalance(loyalty::Account::kRedeemed)));
        }
        return {};
      });
  if (!st.ok()) return core::Err(st);
  for (const auto& [order, p] : purchases) {
    if (p.points > 0 && !p.earned) found.Add("purchase '" + order + "' was never credited");
    if (p.returned_points != p.reversed_points) {
      found.Add("purchase '" + order + "': returns took " + std::to_string(p.returned_points) +
                " points, the ledger " + std::to_string(p.reversed_points));
    }
  }
  int64_t sum = 0;
  for (int64_t a : accounts) sum += a;
  if (sum != 0) found.Add("the accounts do not sum to zero (" + std::to_string(sum) + ")");
  json j;
  j["ok"] = found.total() == 0;
  j["members"] = members;
  j["entries"] = entry_count;
  j["purchases"] = purchase_count;
  j["returns"] = return_count;
  j["vouchers"] = voucher_count;
  j["points_issued"] = -accounts[static_cast<int>(loyalty::Account::kIssued)];
  j["points_held"] = accounts[static_cast<int>(loyalty::Account::kMember)];
  j["points_redeemed"] = accounts[static_cast<int>(loyalty::Account::kRedeemed)];
  j["points_reversed"] = accounts[static_cast<int>(loyalty::Account::kReversed)];
  j["points_expired"] = accounts[static_cast<int>(loyalty::Account::kExpired)];
  j["problems_total"] = found.total();
  j["problems"] = found.list();
  return j;
}

}  // namespace retain::app
