// The data subject's rights over HTTP (admin keys only): everything about a
// person (GET /api/v1/customers/{id}/export) and erasure
// (DELETE /api/v1/customers/{id}); both are written to the audit log with
// the key that asked.
#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/api/services.h"
#include "retain/api/write_call.h"
#include "retain/app/gdpr.h"

namespace retain::api {
namespace {

std::string Actor(const Call& call) { return call.key() ? "key:" + call.key()->id : "api"; }

Reply Export(Call& call) {
  const std::string id = call.Param("id");
  const std::string actor = Actor(call);
  auto answer = call.services().writes.SubmitOnce(
      {}, [id, actor](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto doc = app::ExportPerson(s, id, actor, core::UtcNowIso());
        if (!doc) return core::Err(doc.error());
        return app::WriteAnswer{200, doc->dump()};
      });
  if (!answer) return Fail(answer.error());
  Reply r = WriteReply(std::move(*answer));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Reply Erase(Call& call) {
  const std::string id = call.Param("id");
  const std::string actor = Actor(call);
  return IdempotentWrite(call, [id, actor](storage::Store& s) -> core::Result<app::WriteAnswer> {
    auto e = app::ErasePerson(s, id, actor, core::UtcNowIso());
    if (!e) return core::Err(e.error());
    return app::WriteAnswer{200, app::ErasureJson(*e).dump()};
  });
}

}  // namespace

void AddGdprRoutes(Router& router) {
  router.Add("GET", "/api/v1/customers/{id}/export", Access::AdminOnly(), Export);
  router.Add("DELETE", "/api/v1/customers/{id}", Access::AdminOnly(), Erase);
}

}  // namespace retain::api
