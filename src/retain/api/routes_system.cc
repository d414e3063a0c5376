// Routes outside /api/v1: readiness, metrics and the API description.
#include "retain/api/call.h"
#include "retain/api/openapi.h"
#include "retain/api/routes.h"
#include "retain/storage/open_store.h"

namespace retain::api {
namespace {

Reply Health(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto version = (*store)->DataVersion();
  if (!version) return Fail(version.error());
  return Json({{"status", "ok"},
               {"database", call.services().backend},
               {"schema_version", storage::CurrentSchemaVersion()},
               {"data_version", *version}});
}

}  // namespace

void AddSystemRoutes(Router& router, Metrics& metrics) {
  router.AddQuick("GET", "/healthz", Access::Public(), Health);
  router.AddQuick("GET", "/metrics", Access::Public(), [&metrics](Call& call) {
    auto& s = call.services();
    Reply r;
    r.text =
        metrics.Render({{"retain_db_pool_connections", static_cast<double>(s.stores.open())},
                        {"retain_db_pool_in_use", static_cast<double>(s.stores.in_use())},
                        {"retain_write_queue_pending", static_cast<double>(s.writes.Pending())}});
    r.content_type = "text/plain; version=0.0.4";
    return r;
  });
  router.AddQuick("GET", "/api/openapi.json", Access::Public(), [](Call&) {
    Reply r;
    r.text = std::string(OpenApiDocument());
    r.content_type = "application/json";
    return r;
  });
}

}  // namespace retain::api
