// /api/v1/apikeys: key management over the API (admin only).
#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/app/api_keys.h"

namespace retain::api {
namespace {

nlohmann::ordered_json KeyJson(const storage::ApiKeyRecord& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"role", k.role},
          {"created_at", k.created_at},
          {"revoked_at", k.revoked_at.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(k.revoked_at)}};
}

Reply ListKeys(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto keys = (*store)->ListApiKeys();
  if (!keys) return Fail(keys.error());
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& k : *keys) items.push_back(KeyJson(k));
  return Json({{"api_keys", items}});
}

Reply CreateKey(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() != "role" && it.key() != "name") {
      return Fail(InvalidField(it.key(), "is not a known field (role, name)"));
    }
    if (!it.value().is_string()) return Fail(InvalidField(it.key(), "must be a string"));
  }
  if (!body->contains("role")) return Fail(InvalidField("role", "is required"));
  auto role = app::ParseRole((*body)["role"].get<std::string>());
  if (!role) return FailField("role", role.error());
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto created = app::CreateApiKey(**store, *role, body->value("name", ""));
  if (!created) return Fail(created.error());
  auto j = KeyJson(created->record);
  j["key"] = created->key;
  return Json(std::move(j), 201);
}

Reply RevokeKey(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  if (auto s = app::RevokeApiKey(**store, call.Param("id")); !s.ok()) return Fail(s);
  Reply r;
  r.status = 204;
  return r;
}

// The key the request came with: who the dashboard is talking for.
Reply Me(Call& call) {
  const storage::ApiKeyRecord* k = call.key();
  if (!k) return Fail(core::Internal("no key on an authenticated route"));
  return Json({{"key_id", k->id}, {"name", k->name}, {"role", k->role}});
}

}  // namespace

void AddApiKeyRoutes(Router& router) {
  router.AddQuick("GET", "/api/v1/me", Access::ReadOrShop(), Me);
  router.Add("GET", "/api/v1/apikeys", Access::AdminOnly(), ListKeys);
  router.Add("POST", "/api/v1/apikeys", Access::AdminOnly(), CreateKey);
  router.Add("DELETE", "/api/v1/apikeys/{id}", Access::AdminOnly(), RevokeKey);
}

}  // namespace retain::api
