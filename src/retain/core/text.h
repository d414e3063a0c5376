// Text encodings met in shop exports: UTF-8 (with or without BOM) and Windows-1252.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace retain::core {

// Length of the valid UTF-8 prefix of `s`; equals s.size() when all of it is valid.
size_t ValidUtf8Prefix(std::string_view s);

// The longest length <= max_bytes at which `s` (UTF-8) can be cut without
// splitting a character: s.size() when it is no longer.
size_t Utf8Floor(std::string_view s, size_t max_bytes);

// Appends the UTF-8 form of Windows-1252 text to `out`. Returns the offset of
// the first byte that is undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90,
// 0x9D), or std::string_view::npos when every byte converted.
size_t AppendWindows1252AsUtf8(std::string_view in, std::string& out);

// True if `s` starts with the UTF-8 byte order mark.
inline bool HasUtf8Bom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF"; }

// Lower-cases ASCII letters (for comparing column names and codes).
std::string AsciiLower(std::string_view s);

// Removes spaces, tabs and CR from both ends.
std::string_view TrimView(std::string_view s);

}  // namespace retain::core
