// The stored answers of loyalty requests: a repeat of a request gets the
// first answer; another request under the same key is refused.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include "retain/app/loyalty_club.h"

namespace retain::app {

// A fingerprint of a request's fields (in a fixed order).
std::string RequestHash(std::initializer_list<std::string> fields);

// The stored answer to (kind, key) when its hash matches (replayed),
// kAlreadyExists naming the key when it does not, nullopt when there is none.
core::Result<std::optional<LoyaltyAnswer>> StoredAnswer(storage::Store& s, const std::string& kind,
                                                        const std::string& key,
                                                        const std::string& hash, bool created);

// Stores `answer` as the answer to (kind, key). Storage errors are kIo.
core::Status RememberAnswer(storage::Store& s, const std::string& kind, const std::string& key,
                            const std::string& hash, const LoyaltyAnswer& answer,
                            const std::string& now);

}  // namespace retain::app
