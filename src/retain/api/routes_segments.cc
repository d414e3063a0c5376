// /api/v1/segments: named customer segments (built-in RFM ones and saved rules).
#include "retain/api/current_data.h"
#include "retain/api/routes.h"
#include "retain/app/segments.h"

namespace retain::api {
namespace {

nlohmann::ordered_json SegmentJson(const app::NamedSegment& s) {
  return {{"name", s.name},
          {"rule", s.rule},
          {"description", s.description},
          {"built_in", s.built_in},
          {"created_at", s.created_at.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(s.created_at)}};
}

// Counts the customers `rule` selects in the current data; errors name `field`.
Reply CountRule(Call& call, const std::string& rule, const std::string& field,
                nlohmann::ordered_json body) {
  auto data = LoadCurrentTable(call);
  if (!data) return data.error();
  auto match = app::MatchSegment(data->view->snapshot, data->table, rule);
  if (!match) return FailField(field, match.error());
  body["as_of"] = core::FormatDay(match->as_of);
  body["members"] = match->members.size();
  body["customers"] = match->customers;
  return Json(std::move(body));
}

Reply ListSegments(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto all = app::ListNamedSegments(**store);
  if (!all) return Fail(all.error());
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& s : *all) items.push_back(SegmentJson(s));
  return Json({{"segments", items}});
}

Reply GetSegment(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto s = app::FindNamedSegment(**store, call.Param("name"));
  if (!s) return Fail(s.error());
  return CountRule(call, s->rule, "rule", SegmentJson(*s));
}

Reply CountSegmentRule(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  if (!body->contains("rule") || !(*body)["rule"].is_string()) {
    return Fail(InvalidField("rule", "is required (a string)"));
  }
  const std::string rule = (*body)["rule"];
  return CountRule(call, rule, "rule", {{"rule", rule}});
}

Reply CreateSegment(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() != "name" && it.key() != "rule" && it.key() != "description") {
      return Fail(InvalidField(it.key(), "is not a known field (name, rule, description)"));
    }
    if (!it.value().is_string()) return Fail(InvalidField(it.key(), "must be a string"));
  }
  if (!body->contains("name")) return Fail(InvalidField("name", "is required"));
  if (!body->contains("rule")) return Fail(InvalidField("rule", "is required"));
  auto data = LoadCurrentTable(call);
  if (!data) return data.error();
  auto created = app::CreateSegment(*data->store, data->table, (*body)["name"], (*body)["rule"],
                                    body->value("description", ""));
  if (!created) {
    const auto& msg = created.error().message();
    if (created.error().code() == core::Code::kInvalidArgument) {
      return FailField(msg.rfind("rule", 0) == 0 ? "rule" : "name", created.error());
    }
    return Fail(created.error());
  }
  Reply r = Json(SegmentJson(*created), 201);
  r.headers.emplace_back("Location", "/api/v1/segments/" + created->name);
  return r;
}

Reply DeleteSegment(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  if (auto s = app::DeleteSegment(**store, call.Param("name")); !s.ok()) return Fail(s);
  Reply r;
  r.status = 204;
  return r;
}

}  // namespace

void AddSegmentRoutes(Router& router) {
  router.Add("GET", "/api/v1/segments", Access::Read(), ListSegments);
  router.Add("POST", "/api/v1/segments", Access::AdminOnly(), CreateSegment);
  router.Add("POST", "/api/v1/segments/count", Access::Read(), CountSegmentRule);
  router.Add("GET", "/api/v1/segments/{name}", Access::Read(), GetSegment);
  router.Add("DELETE", "/api/v1/segments/{name}", Access::AdminOnly(), DeleteSegment);
}

}  // namespace retain::api
