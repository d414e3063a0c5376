// LoyaltyClub's vouchers: redeeming points, using and cancelling vouchers.
#include <sodium.h>

#include <utility>

#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"
#include "retain/app/loyalty_requests.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

}  // namespace

core::Result<std::string> NewVoucherCode() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) return core::Err(core::Internal("libsodium could not be initialised"));
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(32)];
  }
  return code;
}

namespace {

json VoucherJson(const storage::VoucherRecord& v, core::Day day) {
  json j;
  j["code"] = v.code;
  j["customer_id"] = v.customer_id;
  j["value_cents"] = v.value_cents;
  j["currency"] = v.currency;
  j["points"] = v.points;
  j["issued_at"] = core::FormatDay(v.issued_day);
  j["expires_at"] = core::FormatDay(v.expires_day);
  j["state"] = v.state == "issued" && day > v.expires_day ? "expired" : v.state;
  j["order_id"] = v.order_id.empty() ? json() : json(v.order_id);
  return j;
}

core::Result<storage::VoucherRecord> FindVoucherOrFail(storage::Store& s, const std::string& code) {
  auto v = s.FindVoucher(code);
  if (!v) return core::Err(AsStorageError(v.error()));
  if (!*v) return core::Err(core::NotFound("no voucher with code '" + code + "'"));
  return std::move(**v);
}

}  // namespace

core::Result<LoyaltyAnswer> LoyaltyClub::Redeem(storage::Store& s, const RedemptionRequest& r,
                                                const std::string& now) const {
  auto blocks = loyalty::RedemptionBlocks(program_, r.points);
  if (!blocks) return core::Err(blocks.error());
  const std::string hash =
      RequestHash({r.request_id, r.customer_id, std::to_string(r.points), core::FormatDay(r.day)});
  auto m = LoadMember(s, program_, r.customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  if (!*m) {
    return core::Err(
        core::NotFound("customer '" + r.customer_id + "' is not a member of the Kunden-Club"));
  }
  auto stored = StoredAnswer(s, "redemption", r.request_id, hash, true);
  if (!stored) return core::Err(stored.error());
  if (*stored) return std::move(**stored);
  auto& member = **m;
  const int64_t available = member.ledger.Available(r.day);
  if (available < r.points) {
    return core::Err(core::FailedPrecondition("points: " + std::to_string(r.points) +
                                              " asked, but only " + std::to_string(available) +
                                              " are available"));
  }
  auto code = NewVoucherCode();
  if (!code) return core::Err(code.error());
  loyalty::Transfer t;
  t.kind = loyalty::TransferKind::kRedeem;
  t.day = r.day;
  t.points = r.points;
  t.reference = r.request_id;
  if (auto st = AppendTransfers(s, program_, member, {t}, member.tier, now); !st.ok()) {
    return core::Err(st);
  }
  storage::VoucherRecord v{*code,
                           r.customer_id,
                           r.request_id,
                           r.points,
                           *blocks * program_.block_value_cents,
                           program_.currency,
                           r.day,
                           loyalty::AddMonths(r.day, program_.voucher_valid_months),
                           "issued",
                           "",
                           now};
  if (auto st = s.SaveVoucher(v); !st.ok()) return core::Err(AsStorageError(st));
  LoyaltyAnswer a{json::object(), true, false};
  a.json["request_id"] = r.request_id;
  a.json["customer_id"] = r.customer_id;
  a.json["voucher"] = VoucherJson(v, r.day);
  a.json["points_available"] = member.ledger.Available(r.day);
  if (auto st = RememberAnswer(s, "redemption", r.request_id, hash, a, now); !st.ok()) {
    return core::Err(st);
  }
  return a;
}

core::Result<LoyaltyAnswer> LoyaltyClub::UseVoucher(storage::Store& s, const std::string& code,
                                                    const std::string& order_id, core::Day day,
                                                    const std::string& now) const {
  auto v = FindVoucherOrFail(s, code);
  if (!v) return core::Err(v.error());
  if (v->state == "used") {
    if (v->order_id == order_id) return LoyaltyAnswer{VoucherJson(*v, day), false, true};
    return core::Err(core::FailedPrecondition("voucher '" + code + "' was used already (order '" +
                                              v->order_id + "')"));
  }
  if (v->state == "cancelled") {
    return core::Err(core::FailedPrecondition("voucher '" + code + "' was cancelled"));
  }
  if (day > v->expires_day) {
    return core::Err(core::FailedPrecondition("voucher '" + code + "' expired on " +
                                              core::FormatDay(v->expires_day)));
  }
  v->state = "used";
  v->order_id = order_id;
  v->changed_at = now;
  if (auto st = s.SaveVoucher(*v); !st.ok()) return core::Err(AsStorageError(st));
  return LoyaltyAnswer{VoucherJson(*v, day), false, false};
}

core::Result<LoyaltyAnswer> LoyaltyClub::CancelVoucher(storage::Store& s, const std::string& code,
                                                       core::Day day,
                                                       const std::string& now) const {
  auto found = FindVoucherOrFail(s, code);
  if (!found) return core::Err(found.error());
  auto m = LoadMember(s, program_, found->customer_id, true);
  if (!m) return core::Err(AsStorageError(m.error()));
  auto v = FindVoucherOrFail(s, code);  // again, now that the member is locked
  if (!v) return core::Err(v.error());
  if (!*m) return core::Err(core::Internal("voucher '" + code + "' has no member"));
  auto& member = **m;
  auto answer = [&](bool replayed) {
    LoyaltyAnswer a{VoucherJson(*v, day), false, replayed};
    a.json["points_restored"] = v->points;
    a.json["points_available"] = member.ledger.Available(day);
    return a;
  };
  if (v->state == "cancelled") return answer(true);
  if (v->state == "used") {
    return core::Err(core::FailedPrecondition("voucher '" + code + "' was used (order '" +
                                              v->order_id + "') and cannot be cancelled"));
  }
  loyalty::Transfer t;
  t.kind = loyalty::TransferKind::kRestore;
  t.day = day;
  t.points = v->points;
  t.reference = v->request_id;
  if (auto st = AppendTransfers(s, program_, member, {t}, member.tier, now); !st.ok()) {
    return core::Err(st);
  }
  v->state = "cancelled";
  v->changed_at = now;
  if (auto st = s.SaveVoucher(*v); !st.ok()) return core::Err(AsStorageError(st));
  return answer(false);
}

core::Result<nlohmann::ordered_json> LoyaltyClub::Voucher(storage::Store& s,
                                                          const std::string& code,
                                                          core::Day day) const {
  auto v = FindVoucherOrFail(s, code);
  if (!v) return core::Err(v.error());
  return VoucherJson(*v, day);
}

}  // namespace retain::app
