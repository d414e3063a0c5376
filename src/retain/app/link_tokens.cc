#include "retain/app/link_tokens.h"

#include <sodium.h>
#include <nlohmann/json.hpp>

#include <array>

#include "retain/app/consents.h"
#include "retain/app/fingerprint.h"

namespace retain::app {
namespace {

constexpr auto kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::optional<std::string> Decode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &n, nullptr, kVariant) != 0) {
    return std::nullopt;
  }
  out.resize(n);
  return out;
}

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

std::optional<Mac> Sign(const std::string& key_hex, std::string_view payload) {
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> key{};
  size_t n = 0;
  if (sodium_hex2bin(key.data(), key.size(), key_hex.data(), key_hex.size(), nullptr, &n,
                     nullptr) != 0 ||
      n != key.size()) {
    return std::nullopt;
  }
  Mac mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(payload.data()),
                         payload.size(), key.data());
  sodium_memzero(key.data(), key.size());
  return mac;
}

core::Status Invalid() { return core::InvalidArgument("the link is not valid"); }

}  // namespace

core::Result<std::string> LinkKey(storage::Store& store) {
  if (sodium_init() < 0) return core::Err(core::Internal("libsodium could not be initialised"));
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> key{};
  randombytes_buf(key.data(), key.size());
  return store.KeepMetaValue("link_key", Hex(key.data(), key.size()));
}

std::string SignLink(const std::string& key, const LinkClaims& claims) {
  nlohmann::json j = {{"p", claims.purpose},
                      {"c", claims.customer_id},
                      {"ch", claims.channel},
                      {"l", claims.language}};
  if (claims.contact_id) j["i"] = claims.contact_id;
  if (claims.expires) j["e"] = claims.expires;
  const std::string payload = j.dump();
  const auto mac = Sign(key, payload);
  if (!mac) return "";
  return Base64Url(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) + "." +
         Base64Url(mac->data(), mac->size());
}

core::Result<LinkClaims> VerifyLink(const std::string& key, std::string_view purpose,
                                    std::string_view token, core::Day today) {
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.size() > 2048) return core::Err(Invalid());
  const auto payload = Decode(token.substr(0, dot));
  const auto mac = Decode(token.substr(dot + 1));
  const auto expected = payload ? Sign(key, *payload) : std::nullopt;
  if (!payload || !mac || !expected || mac->size() != expected->size() ||
      sodium_memcmp(mac->data(), expected->data(), expected->size()) != 0) {
    return core::Err(Invalid());
  }
  const auto j = nlohmann::json::parse(*payload, nullptr, false);
  if (!j.is_object() || !j.contains("p") || !j["p"].is_string() || j["p"] != purpose ||
      !j.contains("c") || !j["c"].is_string()) {
    return core::Err(Invalid());
  }
  LinkClaims c;
  c.purpose = j["p"];
  c.customer_id = j["c"];
  c.channel = j.value("ch", "");
  c.language = j.value("l", "");
  c.contact_id = j.value("i", int64_t{0});
  c.expires = j.value("e", core::Day{0});
  if (c.expires != 0 && today > c.expires) {
    return core::Err(core::InvalidArgument("the link has expired"));
  }
  return c;
}

core::Result<Unsubscribed> Unsubscribe(storage::Store& store, std::string_view token,
                                       core::Day today, const std::string& now) {
  auto key = LinkKey(store);
  if (!key) return core::Err(key.error());
  auto claims = VerifyLink(*key, "u", token, today);
  if (!claims) return core::Err(claims.error());
  Unsubscribed u{*claims, false};
  auto current = store.CustomerConsents(claims->customer_id);
  if (!current) return core::Err(current.error());
  for (const auto& c : *current) {
    if (c.channel == claims->channel && (c.status == "revoked" || c.status == "denied")) return u;
  }
  ConsentChange change;
  change.customer_id = claims->customer_id;
  change.channel = claims->channel;
  change.status = "revoked";
  change.source = "unsubscribe";
  change.changed_at = now;
  if (auto s = RecordConsent(store, change, "unsubscribe", now); !s.ok()) return core::Err(s);
  u.recorded = true;
  return u;
}

}  // namespace retain::app
