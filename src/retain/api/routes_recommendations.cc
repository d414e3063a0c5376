// GET /api/v1/associations and /api/v1/customers/{id}/recommendations: who
// buys A also buys B, and the next best products for one customer. Options
// and JSON keys are those of `retain associations|recommend --json`.
#include "retain/api/current_data.h"
#include "retain/api/routes.h"
#include "retain/app/recommendations.h"

namespace retain::api {
namespace {

Reply Associations(Call& call) {
  app::AssociationRequest req;
  if (auto level = call.Query("level")) {
    if (*level != "product" && *level != "category") {
      return Fail(InvalidField("level", "must be product or category"));
    }
    req.level = *level;
  }
  auto support = DoubleQuery(call, "min_support", 0, 1);
  if (!support) return FailField("min_support", support.error());
  auto confidence = DoubleQuery(call, "min_confidence", 0, 1);
  if (!confidence) return FailField("min_confidence", confidence.error());
  auto top = IntQuery(call, "top", 1, 10000);
  if (!top) return FailField("top", top.error());
  auto as_of = DayQuery(call, "as_of");
  if (!as_of) return FailField("as_of", as_of.error());
  if (*support) req.min_support = **support;
  if (*confidence) req.min_confidence = **confidence;
  if (*top) req.top = static_cast<size_t>(**top);
  req.as_of = *as_of;
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto rules = app::FindAssociationRules(data->view->snapshot, req);
  if (!rules) return Fail(rules.error());
  return Json(app::AssociationsJson(*rules, req));
}

Reply Recommendations(Call& call) {
  auto k = IntQuery(call, "k", 1, 1000);
  if (!k) return FailField("k", k.error());
  auto as_of = DayQuery(call, "as_of");
  if (!as_of) return FailField("as_of", as_of.error());
  auto data = LoadCurrentData(call);
  if (!data) return data.error();
  auto found =
      app::LoadCustomerRecommendations(*data->store, data->view->snapshot, call.Param("id"), *as_of,
                                       static_cast<size_t>(k->value_or(5)));
  if (!found) return Fail(found.error());
  return Json(app::CustomerRecommendationsJson(*found));
}

}  // namespace

void AddRecommendationRoutes(Router& router) {
  router.Add("GET", "/api/v1/associations", Access::Read(), Associations);
  router.Add("GET", "/api/v1/customers/{id}/recommendations", Access::Read(), Recommendations);
}

}  // namespace retain::api
