#include "retain/app/api_keys.h"

#include <sodium.h>

#include "retain/app/fingerprint.h"
#include "retain/core/date.h"

namespace retain::app {
namespace {

constexpr size_t kIdBytes = 8, kSecretBytes = 32;

bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

}  // namespace

const char* RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kShop:
      return "shop";
    default:
      return "analyst";
  }
}

core::Result<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "analyst") return Role::kAnalyst;
  if (name == "shop") return Role::kShop;
  return core::Err(core::InvalidArgument("role must be admin, analyst or shop, not '" +
                                         std::string(name) + "'"));
}

core::Result<NewApiKey> CreateApiKey(storage::Store& store, Role role, const std::string& name) {
  if (!EnsureSodium()) return core::Err(core::Internal("libsodium could not be initialised"));
  unsigned char id[kIdBytes], secret[kSecretBytes];
  randombytes_buf(id, sizeof id);
  randombytes_buf(secret, sizeof secret);
  NewApiKey k;
  // Hex ids contain no '_', so the key splits unambiguously.
  const std::string hex = Hex(id, sizeof id);
  const std::string secret_text = Base64Url(secret, sizeof secret);
  k.record = {hex, name, RoleName(role), Fingerprint(secret_text), core::UtcNowIso(), ""};
  k.key = "rk_" + hex + "_" + secret_text;
  if (auto s = store.SaveApiKey(k.record); !s.ok()) return core::Err(s);
  return k;
}

core::Result<std::optional<storage::ApiKeyRecord>> VerifyApiKey(storage::Store& store,
                                                                std::string_view key) {
  using Out = std::optional<storage::ApiKeyRecord>;
  if (!EnsureSodium()) return core::Err(core::Internal("libsodium could not be initialised"));
  if (key.substr(0, 3) != "rk_") return Out();
  key.remove_prefix(3);
  const size_t sep = key.find('_');
  if (sep != 2 * kIdBytes) return Out();
  auto found = store.FindApiKey(std::string(key.substr(0, sep)));
  if (!found) return core::Err(found.error());
  if (!*found || !(*found)->revoked_at.empty()) return Out();
  const std::string hash = Fingerprint(key.substr(sep + 1));
  const auto& stored = (*found)->secret_hash;
  if (stored.size() != hash.size() || sodium_memcmp(stored.data(), hash.data(), hash.size()) != 0) {
    return Out();
  }
  return found;
}

core::Status RevokeApiKey(storage::Store& store, const std::string& id) {
  auto revoked = store.RevokeApiKey(id, core::UtcNowIso());
  if (!revoked) return revoked.error();
  if (!*revoked) {
    return core::NotFound("no valid API key with id '" + id + "' (see retain apikey list)");
  }
  return {};
}

}  // namespace retain::app
