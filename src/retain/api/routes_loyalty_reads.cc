// /api/v1/loyalty reads: a member's view and history, vouchers, the
// program, what a basket would earn, the points liability, the activity by
// month and the check.
#include "retain/api/json_fields.h"
#include "retain/api/loyalty_call.h"
#include "retain/api/routes.h"
#include "retain/api/services.h"
#include "retain/app/loyalty_activity.h"

namespace retain::api {
namespace {

using json = nlohmann::ordered_json;

// ?date=YYYY-MM-DD, else today.
core::Result<core::Day> DayParam(const Call& call) {
  auto d = DayQuery(call, "date");
  if (!d) return core::Err(d.error());
  return d->value_or(core::LocalToday());
}

// Runs a read of the Kunden-Club on the request's connection.
template <class Fn>
Reply LoyaltyRead(Call& call, Fn fn) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  core::Result<json> r = fn(*call.services().loyalty, **store);
  if (!r) return FailNamingField(r.error());
  return Json(std::move(*r));
}

Reply GetMember(Call& call) {
  auto day = DayParam(call);
  if (!day) return FailField("date", day.error());
  return LoyaltyRead(call, [&](const app::LoyaltyClub& club, storage::Store& s) {
    return club.Member(s, call.Param("customer_id"), *day);
  });
}

Reply GetHistory(Call& call) {
  auto after = IntQuery(call, "after", 0, int64_t{1} << 62);
  if (!after) return FailField("after", after.error());
  auto limit = IntQuery(call, "limit", 1, static_cast<int64_t>(call.services().max_page));
  if (!limit) return FailField("limit", limit.error());
  return LoyaltyRead(call, [&](const app::LoyaltyClub& club, storage::Store& s) {
    return club.History(s, call.Param("customer_id"), after->value_or(0),
                        static_cast<int>(limit->value_or(50)));
  });
}

Reply GetVoucher(Call& call) {
  return LoyaltyRead(call, [&](const app::LoyaltyClub& club, storage::Store& s) {
    return club.Voucher(s, VoucherCode(call.Param("code")), core::LocalToday());
  });
}

Reply Simulate(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::SimulateRequest r;
  f.Text("customer_id", r.customer_id, false, 200);
  f.Text("tier", r.tier, false, 200);
  f.Int("amount_cents", r.basket.amount_cents, true, 0, int64_t{1} << 50);
  r.basket.channel = "store";
  f.Text("channel", r.basket.channel, false, 16);
  if (r.basket.channel != "store" && r.basket.channel != "online") {
    f.Error("channel", "must be \"online\" or \"store\"");
  }
  r.basket.day = core::LocalToday();
  if (f.Has("occurred_at")) {
    core::Timestamp at;
    f.Stamp("occurred_at", at);
    r.basket.day = at.day;
  }
  f.Ignore("occurred_at");
  f.Ignore("lines");
  if (f.Has("lines") && (*body)["lines"].is_array()) {
    size_t i = 0;
    for (const auto& line : (*body)["lines"]) {
      Fields lf(line, "lines[" + std::to_string(i++) + "].");
      loyalty::BasketLine l;
      lf.Text("category", l.category, false, 200);
      lf.Int("amount_cents", l.amount_cents, true, 0, int64_t{1} << 50);
      lf.Ignore("sku");
      lf.NoOthers();
      if (lf.failed()) return Fail(lf.problem());
      r.basket.lines.push_back(std::move(l));
    }
  } else if (f.Has("lines")) {
    f.Error("lines", "must be an array");
  }
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  return LoyaltyRead(
      call, [&](const app::LoyaltyClub& club, storage::Store& s) { return club.Simulate(s, r); });
}

Reply GetLiability(Call& call) {
  auto day = DayParam(call);
  if (!day) return FailField("date", day.error());
  return LoyaltyRead(call, [&](const app::LoyaltyClub& club, storage::Store& s) {
    return club.Liability(s, *day);
  });
}

// ?from=YYYY-MM&to=YYYY-MM, by default the 12 months up to this one.
Reply GetActivity(Call& call) {
  auto range = app::ResolveMonthRange(call.Query("from"), call.Query("to"), core::LocalToday());
  if (!range) return FailNamingField(range.error());
  return LoyaltyRead(call,
                     [&](const app::LoyaltyClub& club, storage::Store& s) -> core::Result<json> {
                       auto report = app::LoyaltyActivity(s, club.program(), *range);
                       if (!report) return core::Err(report.error());
                       return app::LoyaltyActivityJson(*report);
                     });
}

Reply GetCheck(Call& call) {
  return LoyaltyRead(
      call, [&](const app::LoyaltyClub& club, storage::Store& s) { return club.Check(s); });
}

Reply GetProgram(Call& call) { return Json(call.services().loyalty->ProgramView()); }

}  // namespace

void AddLoyaltyReadRoutes(Router& router) {
  router.Add("GET", "/api/v1/loyalty/program", Access::ReadOrShop(), GetProgram);
  router.Add("GET", "/api/v1/loyalty/members/{customer_id}", Access::ReadOrShop(), GetMember);
  router.Add("GET", "/api/v1/loyalty/members/{customer_id}/history", Access::ReadOrShop(),
             GetHistory);
  router.Add("GET", "/api/v1/loyalty/vouchers/{code}", Access::ReadOrShop(), GetVoucher);
  router.Add("POST", "/api/v1/loyalty/simulate", Access::ReadOrShop(), Simulate);
  router.Add("GET", "/api/v1/loyalty/liability", Access::Read(), GetLiability);
  router.Add("GET", "/api/v1/loyalty/activity", Access::Read(), GetActivity);
  router.Add("GET", "/api/v1/loyalty/check", Access::AdminOnly(), GetCheck);
}

}  // namespace retain::api
