// /api/v1/loyalty: the Kunden-Club's writes from the till and the web shop
// (enrolment, purchases, returns, redemptions, vouchers, bonuses). The
// natural key of each request (order id, return id, request id) makes a
// repeat safe: it gets the first answer again.
#include "retain/api/json_fields.h"
#include "retain/api/loyalty_call.h"
#include "retain/api/routes.h"

namespace retain::api {
namespace {

using app::LoyaltyAnswer;
constexpr int64_t kMaxCents = int64_t{1} << 50;

// The day of an optional timestamp field, today without it.
core::Day DayOf(Fields& f, const char* name) {
  if (!f.Has(name)) {
    f.Ignore(name);
    return core::LocalToday();
  }
  core::Timestamp ts;
  f.Stamp(name, ts);
  return ts.day;
}

Reply Enroll(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::EnrollRequest r;
  f.Text("customer_id", r.customer_id, true, 200);
  f.Text("referred_by", r.referred_by, false, 200);
  r.day = DayOf(f, "joined_at");
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return LoyaltyWrite(call, [r](const app::LoyaltyClub& club, storage::Store& s,
                                const std::string& now) { return club.Enroll(s, r, now); });
}

Reply Purchase(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::PurchaseRequest r;
  f.Text("order_id", r.order_id, true, 200);
  f.Text("customer_id", r.customer_id, true, 200);
  f.Int("amount_cents", r.amount_cents, true, 0, kMaxCents);
  r.currency = call.services().loyalty->program().currency;
  f.Text("currency", r.currency, false, 3);
  r.channel = "store";
  f.Text("channel", r.channel, false, 16);
  if (r.channel != "store" && r.channel != "online") {
    f.Error("channel", "must be \"online\" or \"store\"");
  }
  f.Text("store_id", r.store_id, false, 200);
  core::Timestamp at;
  f.Stamp("occurred_at", at);
  r.day = at.day;
  f.Ignore("lines");
  if (f.Has("lines")) {
    const auto& lines = (*body)["lines"];
    if (!lines.is_array()) f.Error("lines", "must be an array");
    for (size_t i = 0; lines.is_array() && i < lines.size() && !f.failed(); ++i) {
      const std::string prefix = "lines[" + std::to_string(i) + "].";
      if (!lines[i].is_object()) {
        f.Error(prefix.substr(0, prefix.size() - 1), "must be an object");
        break;
      }
      Fields lf(lines[i], prefix);
      loyalty::BasketLine l;
      lf.Text("category", l.category, false, 200);
      lf.Int("amount_cents", l.amount_cents, true, 0, kMaxCents);
      lf.Ignore("sku");
      lf.NoOthers();
      if (lf.failed()) return Fail(lf.problem());
      r.lines.push_back(std::move(l));
    }
  }
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return LoyaltyWrite(call, [r](const app::LoyaltyClub& club, storage::Store& s,
                                const std::string& now) { return club.Purchase(s, r, now); });
}

Reply Return(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::ReturnRequest r;
  f.Text("return_id", r.return_id, true, 200);
  f.Text("order_id", r.order_id, true, 200);
  f.Int("amount_cents", r.amount_cents, true, 1, kMaxCents);
  r.day = DayOf(f, "occurred_at");
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return LoyaltyWrite(call, [r](const app::LoyaltyClub& club, storage::Store& s,
                                const std::string& now) { return club.Return(s, r, now); });
}

Reply Redeem(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::RedemptionRequest r;
  f.Text("request_id", r.request_id, true, 200);
  f.Text("customer_id", r.customer_id, true, 200);
  f.Int("points", r.points, true, 1, kMaxCents);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  r.day = core::LocalToday();
  return LoyaltyWrite(call, [r](const app::LoyaltyClub& club, storage::Store& s,
                                const std::string& now) { return club.Redeem(s, r, now); });
}

Reply Bonus(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::BonusRequest r;
  f.Text("request_id", r.request_id, true, 200);
  f.Text("customer_id", r.customer_id, true, 200);
  f.Text("kind", r.kind, true, 32);
  f.Int("points", r.points, false, 1, kMaxCents);
  f.Text("reason", r.reason, false, 500);
  r.day = DayOf(f, "occurred_at");
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return LoyaltyWrite(call, [r](const app::LoyaltyClub& club, storage::Store& s,
                                const std::string& now) { return club.Bonus(s, r, now); });
}

Reply UseVoucher(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  std::string order_id;
  f.Text("order_id", order_id, true, 200);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  const std::string code = VoucherCode(call.Param("code"));
  const core::Day day = core::LocalToday();
  return LoyaltyWrite(call,
                      [=](const app::LoyaltyClub& club, storage::Store& s, const std::string& now) {
                        return club.UseVoucher(s, code, order_id, day, now);
                      });
}

Reply CancelVoucher(Call& call) {
  const std::string code = VoucherCode(call.Param("code"));
  const core::Day day = core::LocalToday();
  return LoyaltyWrite(call,
                      [=](const app::LoyaltyClub& club, storage::Store& s, const std::string& now) {
                        return club.CancelVoucher(s, code, day, now);
                      });
}

}  // namespace

void AddLoyaltyRoutes(Router& router) {
  router.AddQuickWrite("POST", "/api/v1/loyalty/members", Access::ShopWrite(), Enroll);
  router.AddQuickWrite("POST", "/api/v1/loyalty/purchases", Access::ShopWrite(), Purchase);
  router.AddQuickWrite("POST", "/api/v1/loyalty/returns", Access::ShopWrite(), Return);
  router.AddQuickWrite("POST", "/api/v1/loyalty/redemptions", Access::ShopWrite(), Redeem);
  router.AddQuickWrite("POST", "/api/v1/loyalty/bonuses", Access::ShopWrite(), Bonus);
  router.AddQuickWrite("POST", "/api/v1/loyalty/vouchers/{code}/use", Access::ShopWrite(),
                       UseVoucher);
  router.AddQuickWrite("POST", "/api/v1/loyalty/vouchers/{code}/cancel", Access::ShopWrite(),
                       CancelVoucher);
  AddLoyaltyReadRoutes(router);
}

}  // namespace retain::api
