// /api/v1/settings: the configuration in force, for the dashboard's
// settings page (read only; never a password or a key).
#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/api/services.h"
#include "retain/app/settings_view.h"

namespace retain::api {
namespace {

Reply GetSettings(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto run = (*store)->LatestClvScoreRun();
  if (!run) return Fail(run.error());
  const auto& services = call.services();
  app::SettingsSources sources;
  sources.contact = services.contact.get();
  sources.messages = services.messages.get();
  sources.work_list_dir = services.messages->work_list_dir;
  sources.loyalty = services.loyalty->ProgramView();
  sources.score_run = *run;
  return Json(app::SettingsJson(sources));
}

}  // namespace

void AddSettingsRoutes(Router& router) {
  router.Add("GET", "/api/v1/settings", Access::Read(), GetSettings);
}

}  // namespace retain::api
