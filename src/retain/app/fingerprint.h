// Fingerprints and the encodings of bytes in text that keys, tokens and
// hashes use (libsodium underneath).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace retain::app {

// The hex BLAKE2b-256 hash of `text`: the same in every process and version.
std::string Fingerprint(std::string_view text);

// `n` bytes as lower-case hex.
std::string Hex(const unsigned char* data, size_t n);
// `n` bytes as URL-safe base64 without padding (RFC 4648 §5).
std::string Base64Url(const unsigned char* data, size_t n);

}  // namespace retain::app
