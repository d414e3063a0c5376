// /api/v1/customers/{id}/consents: what a customer allowed on each channel,
// and recording a change (a consent given in a form, an objection by phone).
#include "retain/api/json_fields.h"
#include "retain/api/routes.h"
#include "retain/api/write_call.h"
#include "retain/app/consents.h"

namespace retain::api {
namespace {

Reply GetConsents(Call& call) {
  const auto history = call.Query("history");
  if (history && *history != "true" && *history != "false") {
    return Fail(InvalidField("history", "must be true or false"));
  }
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto r = app::ConsentsJson(**store, call.Param("id"), history && *history == "true");
  if (!r) return Fail(r.error());
  return Json(std::move(*r));
}

Reply PostConsent(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::ConsentChange c;
  c.customer_id = call.Param("id");
  f.Text("channel", c.channel, true, 20);
  f.Text("status", c.status, true, 20);
  f.Text("basis", c.basis, false, 40);
  f.Text("source", c.source, false, 200);
  f.Text("changed_at", c.changed_at, false, 64);
  f.Text("confirmed_at", c.confirmed_at, false, 64);
  f.Text("proof", c.proof, false, 500);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  if (c.source.empty()) c.source = "api";
  if (auto st = app::CheckConsentChange(c); !st.ok()) return FailNamingField(st);
  const std::string actor = call.key() ? "key:" + call.key()->id : "api";
  return IdempotentWrite(call, [c, actor](storage::Store& s) -> core::Result<app::WriteAnswer> {
    if (auto st = app::RecordConsent(s, c, actor, core::UtcNowIso()); !st.ok()) {
      return core::Err(st);
    }
    auto view = app::ConsentsJson(s, c.customer_id, false);
    if (!view) return core::Err(view.error());
    return app::WriteAnswer{201, view->dump()};
  });
}

}  // namespace

void AddConsentRoutes(Router& router) {
  router.Add("GET", "/api/v1/customers/{id}/consents", Access::ReadOrShop(), GetConsents);
  router.Add("POST", "/api/v1/customers/{id}/consents", Access::ShopWrite(), PostConsent);
}

}  // namespace retain::api
