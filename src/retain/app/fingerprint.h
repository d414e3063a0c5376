// Fingerprints: short, stable hashes of text (API key secrets, requests).
#pragma once

#include <string>
#include <string_view>

namespace retain::app {

// The hex BLAKE2b-256 hash of `text`: the same in every process and version.
std::string Fingerprint(std::string_view text);

}  // namespace retain::app
