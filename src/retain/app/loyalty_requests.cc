#include "retain/app/loyalty_requests.h"

#include "retain/app/fingerprint.h"

namespace retain::app {

std::string RequestHash(std::initializer_list<std::string> fields) {
  std::string text;
  for (const auto& f : fields) {
    text += f;
    text += '\x1f';
  }
  return Fingerprint(text);
}

core::Result<std::optional<LoyaltyAnswer>> StoredAnswer(storage::Store& s, const std::string& kind,
                                                        const std::string& key,
                                                        const std::string& hash, bool created) {
  auto stored = s.FindLoyaltyRequest(kind, key);
  if (!stored) return core::Err(core::IoError(stored.error().message()));
  if (!*stored) return std::optional<LoyaltyAnswer>();
  if ((*stored)->request_hash != hash) {
    return core::Err(core::AlreadyExists(
        "a different " + kind + " was recorded under '" + key +
        "' already; send exactly the same request to repeat it, or use a new id"));
  }
  auto json = nlohmann::ordered_json::parse((*stored)->answer, nullptr, false);
  if (json.is_discarded()) {
    return core::Err(core::Internal("the stored answer to " + kind + " '" + key + "' is broken"));
  }
  return std::optional<LoyaltyAnswer>(LoyaltyAnswer{std::move(json), created, true});
}

core::Status RememberAnswer(storage::Store& s, const std::string& kind, const std::string& key,
                            const std::string& hash, const LoyaltyAnswer& answer,
                            const std::string& now) {
  auto st = s.SaveLoyaltyRequest({kind, key, hash, answer.json.dump(), now});
  return st.ok() ? st : core::IoError(st.message());
}

}  // namespace retain::app
