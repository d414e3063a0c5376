// API keys: who may call the server, with which role.
//
// A key reads "rk_<id>_<secret>". The id is public (lists, logs); the secret
// is 32 random bytes shown once at creation. Only a BLAKE2b hash of the secret
// is stored, so a copy of the database does not give anybody access.
//
//   auto created = CreateApiKey(store, Role::kShop, "till Berlin");
//   std::cout << created->key;              // give this to the till, once
//   auto who = VerifyApiKey(store, header);  // nullopt: refuse
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// What a key may do. analyst reads; shop writes customers, orders and returns;
// admin does everything, including managing keys.
enum class Role { kAnalyst, kShop, kAdmin };

const char* RoleName(Role r);  // "analyst" | "shop" | "admin"
// kInvalidArgument naming the three roles for anything else.
core::Result<Role> ParseRole(std::string_view name);

struct NewApiKey {
  storage::ApiKeyRecord record;
  std::string key;  // the whole key; not stored anywhere
};

// Creates and stores a key (outside a write transaction).
core::Result<NewApiKey> CreateApiKey(storage::Store& store, Role role, const std::string& name);

// The key's record when `key` is a valid, unrevoked key; nullopt otherwise
// (malformed, unknown, revoked or wrong secret). Errors are storage failures.
core::Result<std::optional<storage::ApiKeyRecord>> VerifyApiKey(storage::Store& store,
                                                                std::string_view key);

// Revokes the key with this id; kNotFound if there is none or it was revoked.
core::Status RevokeApiKey(storage::Store& store, const std::string& id);

}  // namespace retain::app
