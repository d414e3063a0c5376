#include "retain/messages/mime_encoding.h"

#include <algorithm>
#include <vector>

namespace retain::messages {

namespace {

constexpr size_t kMaxLine = 76;
constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";

// Splits text into lines at "\r\n", "\n" or "\r"; a final line break does
// not start another line.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' && text[i] != '\n') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// The quoted-printable tokens of one line: one character, or "=XX".
std::vector<std::string> Tokens(std::string_view line) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::vector<std::string> tokens;
  tokens.reserve(line.size());
  for (size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    if (literal) {
      tokens.emplace_back(1, static_cast<char>(c));
    } else {
      tokens.push_back({'=', kHex[c >> 4], kHex[c & 15]});
    }
  }
  return tokens;
}

// The length of the UTF-8 character starting with byte `lead`.
size_t CharLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t v = 0;
    for (size_t k = 0; k < 3; ++k) {
      v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0);
    }
    for (size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  for (std::string_view line : Lines(text)) {
    const auto tokens = Tokens(line);
    size_t total = 0;
    for (const auto& t : tokens) total += t.size();
    // Within a line, width + remaining stays the same: once the rest fits
    // in 76 columns it goes on as it is; until then each piece leaves room
    // for the soft break's "=".
    size_t remaining = total;
    size_t width = 0;
    for (const auto& t : tokens) {
      if (width + remaining > kMaxLine && width + t.size() > kMaxLine - 1) {
        out += "=\r\n";
        width = 0;
      }
      out += t;
      width += t.size();
      remaining -= t.size();
    }
    out += "\r\n";
  }
  return out;
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c < 0x7F);
  });
}

std::string EncodedWords(std::string_view text, size_t used) {
  const size_t overhead = kWordStart.size() + kWordEnd.size();
  std::string out;
  size_t pos = 0;
  do {
    // Base64 takes 3 bytes into 4 characters: the bytes that fit this line.
    const size_t room = kMaxLine > used + overhead ? kMaxLine - used - overhead : 4;
    const size_t max_bytes = std::max<size_t>(room / 4 * 3, 3);
    size_t end = pos;
    while (end < text.size()) {
      const size_t next = end + CharLength(static_cast<unsigned char>(text[end]));
      if (next - pos > max_bytes && end > pos) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";
    out.append(kWordStart).append(Base64(text.substr(pos, end - pos))).append(kWordEnd);
    pos = end;
    used = 1;
  } while (pos < text.size());
  return out;
}

}  // namespace retain::messages
