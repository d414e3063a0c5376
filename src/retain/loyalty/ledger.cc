#include "retain/loyalty/ledger.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <numeric>
#include <utility>

namespace retain::loyalty {
namespace {

core::Status Broken(const Transfer& t, const std::string& what) {
  return core::InvalidArgument("ledger transfer " + std::to_string(t.seq) + " (" +
                               core::FormatDay(t.day) + "): " + what);
}

// Lot indexes oldest first (earned day, then sequence).
std::vector<size_t> OldestFirst(const std::vector<Lot>& lots) {
  std::vector<size_t> order(lots.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lots[a].earned < lots[b].earned; });
  return order;
}

}  // namespace

Account From(TransferKind kind) {
  switch (kind) {
    case TransferKind::kEarn:
    case TransferKind::kBonus:
      return Account::kIssued;
    case TransferKind::kRestore:
      return Account::kRedeemed;
    default:
      return Account::kMember;
  }
}

Account To(TransferKind kind) {
  switch (kind) {
    case TransferKind::kReverse:
      return Account::kReversed;
    case TransferKind::kRedeem:
      return Account::kRedeemed;
    case TransferKind::kExpire:
      return Account::kExpired;
    default:
      return Account::kMember;
  }
}

int64_t MemberLedger::Available(core::Day day) const {
  int64_t n = 0;
  for (const auto& l : lots_) {
    if (l.available_from <= day && day <= l.expires_after) n += l.remaining;
  }
  return n;
}

int64_t MemberLedger::Pending(core::Day day) const {
  int64_t n = 0;
  for (const auto& l : lots_) {
    if (l.available_from > day) n += l.remaining;
  }
  return n;
}

int64_t MemberLedger::Expiring(core::Day day, int days) const {
  int64_t n = 0;
  for (const auto& l : lots_) {
    if (l.available_from <= day && day <= l.expires_after && l.expires_after <= day + days) {
      n += l.remaining;
    }
  }
  return n;
}

int64_t MemberLedger::EarnedBetween(core::Day from, core::Day to) const {
  int64_t n = 0;
  for (const auto& e : earned_) {
    if (from <= e.day && e.day <= to) n += e.points;
  }
  return n;
}

std::vector<Lot> MemberLedger::ExpiredLots(core::Day day) const {
  std::vector<Lot> out;
  for (const auto& l : lots_) {
    if (l.remaining > 0 && l.expires_after < day) out.push_back(l);
  }
  return out;
}

int64_t MemberLedger::AccountBalance(Account a) const { return accounts_[static_cast<int>(a)]; }

core::Result<MemberLedger> Replay(const std::vector<Transfer>& transfers) {
  MemberLedger m;
  struct Order {
    size_t earned;  // index into earned_
    size_t lot;     // index into lots_
    int64_t points = 0, reversed = 0;
  };
  std::map<std::string, Order, std::less<>> orders;  // by order id
  struct Redemption {
    std::vector<std::pair<size_t, int64_t>> taken;  // lot, points
    int64_t points = 0, restored = 0;
  };
  std::map<std::string, Redemption, std::less<>> redemptions;  // by request id
  std::map<int64_t, size_t> lot_of_seq;
  int64_t last_seq = 0;
  bool first = true;

  // Takes `points` from the lots, in `order`, where `usable` allows; what
  // could not be taken is returned. `taken` records where they came from.
  auto take = [&](int64_t points, const std::vector<size_t>& order, auto usable,
                  std::vector<std::pair<size_t, int64_t>>* taken) {
    for (size_t i : order) {
      if (points == 0) break;
      Lot& l = m.lots_[i];
      if (l.remaining == 0 || !usable(l)) continue;
      const int64_t n = std::min(points, l.remaining);
      l.remaining -= n;
      points -= n;
      if (taken) taken->emplace_back(i, n);
    }
    return points;
  };

  for (const Transfer& t : transfers) {
    if (!first && t.seq <= last_seq) return core::Err(Broken(t, "sequence numbers must ascend"));
    first = false;
    last_seq = t.seq;
    if (t.points <= 0) return core::Err(Broken(t, "points must be positive"));
    m.accounts_[static_cast<int>(From(t.kind))] -= t.points;
    m.accounts_[static_cast<int>(To(t.kind))] += t.points;

    switch (t.kind) {
      case TransferKind::kEarn:
      case TransferKind::kBonus: {
        if (t.available_from < t.day || t.expires_after < t.available_from) {
          return core::Err(Broken(t,
                                  "a credit must become available on or after its day and "
                                  "expire after that"));
        }
        if (t.kind == TransferKind::kEarn && orders.count(t.reference)) {
          return core::Err(Broken(t, "order '" + t.reference + "' earned twice"));
        }
        Lot lot{t.seq, t.reference, t.day, t.available_from, t.expires_after, t.points, t.points};
        const int64_t paid = std::min(m.debt_, lot.remaining);  // a debt is paid off first
        m.debt_ -= paid;
        lot.remaining -= paid;
        lot_of_seq[t.seq] = m.lots_.size();
        m.lots_.push_back(std::move(lot));
        if (t.kind == TransferKind::kEarn) {
          orders[t.reference] = {m.earned_.size(), m.lots_.size() - 1, t.points, 0};
          m.earned_.push_back({t.day, t.points});
        }
        break;
      }
      case TransferKind::kReverse: {
        auto it = orders.find(t.reference);
        if (it == orders.end()) {
          return core::Err(
              Broken(t, "a return of order '" + t.reference + "', which earned nothing"));
        }
        Order& o = it->second;
        if (o.reversed + t.points > o.points) {
          return core::Err(
              Broken(t, "returns of order '" + t.reference + "' take back more than it earned"));
        }
        o.reversed += t.points;
        m.earned_[o.earned].points -= t.points;
        // From the order's own lot first, then oldest first; the rest is owed.
        std::vector<size_t> order{o.lot};
        for (size_t i : OldestFirst(m.lots_)) {
          if (i != o.lot) order.push_back(i);
        }
        m.debt_ += take(
            t.points, order, [](const Lot&) { return true; }, nullptr);
        break;
      }
      case TransferKind::kRedeem: {
        if (m.Available(t.day) < t.points) {
          return core::Err(Broken(t, "redeems " + std::to_string(t.points) + " points, " +
                                         std::to_string(m.Available(t.day)) + " available"));
        }
        if (redemptions.count(t.reference)) {
          return core::Err(Broken(t, "request '" + t.reference + "' redeemed twice"));
        }
        Redemption& r = redemptions[t.reference];
        r.points = t.points;
        take(
            t.points, OldestFirst(m.lots_),
            [&](const Lot& l) { return l.available_from <= t.day && t.day <= l.expires_after; },
            &r.taken);
        break;
      }
      case TransferKind::kRestore: {
        auto it = redemptions.find(t.reference);
        if (it == redemptions.end() || it->second.restored + t.points > it->second.points) {
          return core::Err(Broken(t, "restores more than request '" + t.reference + "' redeemed"));
        }
        Redemption& r = it->second;
        r.restored += t.points;
        int64_t left = t.points;
        const int64_t paid = std::min(m.debt_, left);
        m.debt_ -= paid;
        left -= paid;
        // Back into the lots they came from (with their expiry), newest first.
        for (auto taken = r.taken.rbegin(); taken != r.taken.rend() && left > 0; ++taken) {
          const int64_t n = std::min(left, taken->second);
          m.lots_[taken->first].remaining += n;
          taken->second -= n;
          left -= n;
        }
        break;
      }
      case TransferKind::kExpire: {
        int64_t lot_seq = 0;
        const char* end = t.reference.data() + t.reference.size();
        if (auto [p, ec] = std::from_chars(t.reference.data(), end, lot_seq);
            ec != std::errc() || p != end) {
          return core::Err(Broken(t, "an expiry must name its lot"));
        }
        auto it = lot_of_seq.find(lot_seq);
        if (it == lot_of_seq.end()) return core::Err(Broken(t, "an expiry of an unknown lot"));
        Lot& l = m.lots_[it->second];
        if (t.day <= l.expires_after) return core::Err(Broken(t, "an expiry before the lot's"));
        if (t.points > l.remaining) {
          return core::Err(Broken(t, "expires more points than the lot holds"));
        }
        l.remaining -= t.points;
        break;
      }
    }
  }
  return m;
}

}  // namespace retain::loyalty
