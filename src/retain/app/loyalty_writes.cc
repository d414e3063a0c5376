// LoyaltyClub's writes about points: enrolment, purchases, returns, bonuses.
#include <utility>

#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"
#include "retain/app/loyalty_requests.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

// The points part of an answer: tier and what the member holds on `day`.
void AddBalances(json& j, const loyalty::LoyaltyProgram& p, const LoyaltyMember& m, core::Day day) {
  j["tier"] = p.tiers.at(m.tier.tier).name;
  j["points_available"] = m.ledger.Available(day);
  j["points_pending"] = m.ledger.Pending(day);
  j["balance"] = m.ledger.Balance();
}

}  // namespace

core::Result<LoyaltyAnswer> LoyaltyClub::Enroll(storage::Store& s, const EnrollRequest& r,
                                                const std::string& now) const {
  auto exists = s.CustomerExists(r.customer_id);
  if (!exists) return core::Err(AsStorageError(exists.error()));
  if (!*exists) {
    return core::Err(
        core::NotFound("no customer '" + r.customer_id +
                       "'; create it first (PUT /api/v1/customers/{id} or an import)"));
  }
  auto m = LoadMember(s, program_, r.customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  if (*m) return LoyaltyAnswer{MemberView(program_, **m, r.day), false, false};
  std::optional<LoyaltyMember> referrer;
  if (!r.referred_by.empty()) {
    if (r.referred_by == r.customer_id) {
      return core::Err(core::InvalidArgument("referred_by: a customer cannot refer themselves"));
    }
    auto ref = LoadMember(s, program_, r.referred_by, true);
    if (!ref) return core::Err(AsStorageError(ref.error()));
    if (!*ref) {
      return core::Err(core::InvalidArgument("referred_by: '" + r.referred_by +
                                             "' is not a member of the Kunden-Club"));
    }
    referrer = std::move(**ref);
  }
  LoyaltyMember member;
  member.record = {r.customer_id, now,   r.day, r.referred_by, program_.tiers.front().name,
                   r.day,         r.day, 0};
  member.tier = {0, r.day, r.day};
  if (auto st = s.SaveLoyaltyMember(member.record); !st.ok()) return core::Err(AsStorageError(st));
  if (referrer) {
    using loyalty::TransferKind;
    if (program_.referral_points_new_member > 0) {
      auto t = Credit(program_, TransferKind::kBonus, r.day, program_.referral_points_new_member,
                      "referral by " + r.referred_by, r.day);
      if (auto st = AppendTransfers(s, program_, member, {t}, member.tier, now); !st.ok()) {
        return core::Err(st);
      }
    }
    if (program_.referral_points_referrer > 0) {
      auto t = Credit(program_, TransferKind::kBonus, r.day, program_.referral_points_referrer,
                      "referral of " + r.customer_id, r.day);
      if (auto st = AppendTransfers(s, program_, *referrer, {t}, referrer->tier, now); !st.ok()) {
        return core::Err(st);
      }
    }
  }
  return LoyaltyAnswer{MemberView(program_, member, r.day), true, false};
}

core::Result<LoyaltyAnswer> LoyaltyClub::Purchase(storage::Store& s, const PurchaseRequest& r,
                                                  const std::string& now) const {
  if (r.currency != program_.currency) {
    return core::Err(core::InvalidArgument("currency: the Kunden-Club counts in " +
                                           program_.currency + ", not '" + r.currency + "'"));
  }
  std::string lines;
  for (const auto& l : r.lines) lines += l.category + "=" + std::to_string(l.amount_cents) + ";";
  const std::string hash =
      RequestHash({r.order_id, r.customer_id, std::to_string(r.amount_cents), r.currency, r.channel,
                   r.store_id, core::FormatDay(r.day), lines});
  auto m = LoadMember(s, program_, r.customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  auto stored = StoredAnswer(s, "purchase", r.order_id, hash, true);
  if (!stored) return core::Err(stored.error());
  if (*stored) return std::move(**stored);
  // The stored answer is written with the purchase: none means a new order id.
  LoyaltyAnswer a{json::object(), true, false};
  a.json["order_id"] = r.order_id;
  a.json["customer_id"] = r.customer_id;
  a.json["member"] = m->has_value();
  int64_t points = 0;
  if (!*m) {
    a.json["points_earned"] = 0;
    a.json["tier"] = nullptr;
    a.json["points_available"] = 0;
    a.json["points_pending"] = 0;
  } else {
    auto& member = **m;
    const auto before = TierOn(program_, member, r.day);
    const int64_t earned_before = EarnedInWindow(program_, member, r.day);
    const auto earned = loyalty::BasketPoints(program_, program_.tiers.at(before.tier),
                                              {r.amount_cents, r.channel, r.day, r.lines});
    points = earned.points;
    std::vector<loyalty::Transfer> transfers;
    if (points > 0) {
      transfers.push_back(Credit(program_, loyalty::TransferKind::kEarn, r.day, points, r.order_id,
                                 r.day + program_.pending_days));
    }
    // The purchase earns at the old tier; an upgrade it brings applies after it.
    const auto after = loyalty::EvaluateTier(program_, before, r.day, earned_before + points);
    if (auto st = AppendTransfers(s, program_, member, std::move(transfers), after, now);
        !st.ok()) {
      return core::Err(st);
    }
    a.json["points_earned"] = points;
    a.json["base_points"] = earned.base_points;
    a.json["promotions"] = earned.promotions;
    AddBalances(a.json, program_, member, r.day);
    a.json["tier_changed"] = after.tier != before.tier;
  }
  if (auto st = s.SaveLoyaltyPurchase({r.order_id, r.customer_id, r.day, r.amount_cents, points});
      !st.ok()) {
    return core::Err(AsStorageError(st));
  }
  if (auto st = RememberAnswer(s, "purchase", r.order_id, hash, a, now); !st.ok()) {
    return core::Err(st);
  }
  return a;
}

core::Result<LoyaltyAnswer> LoyaltyClub::Return(storage::Store& s, const ReturnRequest& r,
                                                const std::string& now) const {
  auto purchase = s.FindLoyaltyPurchase(r.order_id);
  if (!purchase) return core::Err(AsStorageError(purchase.error()));
  if (!*purchase) {
    return core::Err(
        core::NotFound("order_id: no purchase '" + r.order_id +
                       "' was sent to the Kunden-Club (POST /api/v1/loyalty/purchases)"));
  }
  const auto& p = **purchase;
  const std::string hash = RequestHash(
      {r.return_id, r.order_id, std::to_string(r.amount_cents), core::FormatDay(r.day)});
  auto m = LoadMember(s, program_, p.customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  auto stored = StoredAnswer(s, "return", r.return_id, hash, true);
  if (!stored) return core::Err(stored.error());
  if (*stored) return std::move(**stored);
  const int64_t left = p.amount_cents - p.returned_cents;
  if (r.amount_cents > left) {
    return core::Err(core::InvalidArgument("amount_cents: " + std::to_string(r.amount_cents) +
                                           " is more than is left of order '" + r.order_id + "' (" +
                                           std::to_string(left) + " of " +
                                           std::to_string(p.amount_cents) + " not yet returned)"));
  }
  const int64_t points =
      loyalty::ReturnedPoints(p.points, p.amount_cents, p.returned_cents, r.amount_cents);
  LoyaltyAnswer a{json::object(), true, false};
  a.json["return_id"] = r.return_id;
  a.json["order_id"] = r.order_id;
  a.json["customer_id"] = p.customer_id;
  a.json["points_reversed"] = points;
  if (*m && points > 0) {
    auto& member = **m;
    const auto current = TierOn(program_, member, r.day);
    loyalty::Transfer t;
    t.kind = loyalty::TransferKind::kReverse;
    t.day = r.day;
    t.points = points;
    t.reference = r.order_id;
    if (auto st = AppendTransfers(s, program_, member, {t}, current, now); !st.ok()) {
      return core::Err(st);
    }
    // A tier that this purchase (or a later one) brought is not held when
    // the window no longer supports it without the returned goods.
    const size_t supported = loyalty::TierFor(program_, EarnedInWindow(program_, member, r.day));
    if (supported < current.tier && current.since >= p.day) {
      member.record.tier = program_.tiers[supported].name;
      member.record.tier_since = r.day;
      member.record.tier_held_until = r.day;
      member.tier = {supported, r.day, r.day};
      if (auto st = s.SaveLoyaltyMember(member.record); !st.ok())
        return core::Err(AsStorageError(st));
    }
  }
  if (*m) {
    AddBalances(a.json, program_, **m, r.day);
  } else {
    a.json["tier"] = nullptr;
    a.json["points_available"] = 0;
  }
  if (auto st = s.SaveLoyaltyReturn({r.return_id, r.order_id, r.amount_cents, points}); !st.ok()) {
    return core::Err(AsStorageError(st));
  }
  if (auto st = RememberAnswer(s, "return", r.return_id, hash, a, now); !st.ok()) {
    return core::Err(st);
  }
  return a;
}

core::Result<LoyaltyAnswer> LoyaltyClub::Bonus(storage::Store& s, const BonusRequest& r,
                                               const std::string& now) const {
  int64_t points = r.points;
  std::string reference;
  if (r.kind == "surprise") {
    if (points <= 0) return core::Err(core::InvalidArgument("points: a surprise needs points > 0"));
    if (r.reason.empty()) {
      return core::Err(core::InvalidArgument("reason: say why the member gets surprise points"));
    }
    reference = "surprise: " + r.reason;
  } else if (r.kind == "renewal") {
    if (points <= 0) points = program_.renewal_points;
    if (points <= 0) {
      return core::Err(core::FailedPrecondition(
          "the renewal reward is off (renewal_points = 0 in the program); send points"));
    }
    reference = r.reason.empty() ? "renewal" : "renewal: " + r.reason;
  } else {
    return core::Err(core::InvalidArgument("kind: must be \"surprise\" or \"renewal\""));
  }
  const std::string hash =
      RequestHash({r.request_id, r.customer_id, r.kind, std::to_string(r.points), r.reason,
                   core::FormatDay(r.day)});
  auto m = LoadMember(s, program_, r.customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  if (!*m) {
    return core::Err(
        core::NotFound("customer '" + r.customer_id + "' is not a member of the Kunden-Club"));
  }
  auto stored = StoredAnswer(s, "bonus", r.request_id, hash, true);
  if (!stored) return core::Err(stored.error());
  if (*stored) return std::move(**stored);
  auto& member = **m;
  auto t = Credit(program_, loyalty::TransferKind::kBonus, r.day, points, reference, r.day);
  if (auto st = AppendTransfers(s, program_, member, {t}, member.tier, now); !st.ok()) {
    return core::Err(st);
  }
  LoyaltyAnswer a{json::object(), true, false};
  a.json["request_id"] = r.request_id;
  a.json["customer_id"] = r.customer_id;
  a.json["kind"] = r.kind;
  a.json["points"] = points;
  a.json["reason"] = r.reason;
  AddBalances(a.json, program_, member, r.day);
  if (auto st = RememberAnswer(s, "bonus", r.request_id, hash, a, now); !st.ok()) {
    return core::Err(st);
  }
  return a;
}

}  // namespace retain::app
