// The encodings an email needs to carry UTF-8 text through 7-bit SMTP:
// quoted-printable for the body (RFC 2045) and encoded words for header
// text (RFC 2047, "=?UTF-8?B?...?=").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace retain::messages {

// Base64 (RFC 4648) with padding, no line breaks.
std::string Base64(std::string_view bytes);

// `text` (UTF-8; line ends "\n", "\r\n" or "\r") as quoted-printable with
// CRLF line ends. Lines are at most 76 characters (longer ones are split
// with soft breaks, "=" at the end); '=', non-ASCII bytes, control
// characters and white space at a line's end are written as =XX. The
// result ends with CRLF unless `text` is empty.
std::string QuotedPrintable(std::string_view text);

// True if every byte of `text` is printable ASCII or a tab.
bool IsPrintableAscii(std::string_view text);

// `text` (valid UTF-8, one line) as RFC 2047 encoded words
// ("=?UTF-8?B?...?="), split between characters so that no line is longer
// than 76: the first word fits after `used` characters already on the
// line ("Subject: " = 9), the others go on continuation lines ("\r\n "
// before them).
std::string EncodedWords(std::string_view text, size_t used);

}  // namespace retain::messages
