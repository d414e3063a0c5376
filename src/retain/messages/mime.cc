#include "retain/messages/mime.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "retain/core/text.h"
#include "retain/messages/address.h"
#include "retain/messages/mime_encoding.h"

namespace retain::messages {

namespace {

constexpr size_t kMaxLine = 76;
constexpr size_t kMaxHeaderLine = 998;  // RFC 5322 2.1.1

// The headers ComposeEmail writes itself, in lower case.
constexpr std::array<std::string_view, 11> kOwnHeaders = {"date",
                                                          "from",
                                                          "to",
                                                          "subject",
                                                          "message-id",
                                                          "mime-version",
                                                          "content-type",
                                                          "content-transfer-encoding",
                                                          "content-language",
                                                          "list-unsubscribe",
                                                          "list-unsubscribe-post"};

// Ok for header text: UTF-8 without line breaks or other control
// characters (a line break would start a header of the sender's choosing).
core::Status CheckHeaderText(std::string_view field, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return core::InvalidArgument(std::string(field) +
                                 " contains a line break (refused: it would start a new header)");
  }
  const bool control = std::any_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7F;
  });
  if (control) return core::InvalidArgument(std::string(field) + " contains a control character");
  if (core::ValidUtf8Prefix(value) != value.size()) {
    return core::InvalidArgument(std::string(field) + " is not valid UTF-8");
  }
  return core::Status::Ok();
}

// The width of the last line of `text`.
size_t LastLineWidth(std::string_view text) {
  const size_t nl = text.rfind('\n');
  return nl == std::string_view::npos ? text.size() : text.size() - nl - 1;
}

// Printable ASCII text folded before spaces so that lines stay within 76
// characters where a space allows; `used`: characters already on the line.
std::string Fold(std::string_view value, size_t used) {
  std::string out;
  size_t width = used;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t next = value.find(' ', pos + 1);
    if (next == std::string_view::npos) next = value.size();
    const std::string_view piece = value.substr(pos, next - pos);
    if (pos > 0 && piece.size() > 1 && width + piece.size() > kMaxLine) {
      out += "\r\n";
      width = 0;
    }
    out.append(piece);
    width += piece.size();
    pos = next;
  }
  return out;
}

// Unstructured header text (RFC 5322 2.2.1): ASCII as it is, folded; else,
// or when it could be taken for an encoded word, RFC 2047 encoded.
std::string HeaderText(std::string_view value, size_t used) {
  if (IsPrintableAscii(value) && value.find("=?") == std::string_view::npos) {
    return Fold(value, used);
  }
  return EncodedWords(value, used);
}

bool IsAtomText(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
}

// A display name: atoms as they are, other ASCII quoted, non-ASCII encoded.
std::string Phrase(std::string_view name, size_t used) {
  if (!IsPrintableAscii(name) || name.find("=?") != std::string_view::npos) {
    return EncodedWords(name, used);
  }
  if (std::all_of(name.begin(), name.end(), IsAtomText)) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

core::Result<std::string> MailboxHeader(std::string_view header, std::string_view field,
                                        const Mailbox& m) {
  const std::string f(field);
  RETAIN_RETURN_IF_ERROR(CheckAddress(f + ".address", m.address));
  RETAIN_RETURN_IF_ERROR(CheckHeaderText(f + ".name", m.name));
  std::string line = std::string(header) + ": ";
  if (m.name.empty()) return line + m.address + "\r\n";
  line += Phrase(m.name, line.size());
  const bool fits = LastLineWidth(line) + 3 + m.address.size() <= kMaxLine;
  return line + (fits ? " <" : "\r\n <") + m.address + ">\r\n";
}

core::Result<std::string> MessageIdHeader(std::string_view id) {
  RETAIN_RETURN_IF_ERROR(CheckHeaderText("message_id", id));
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  const bool odd = id.find_first_of(" \t<>") != std::string_view::npos ||
                   std::count(id.begin(), id.end(), '@') != 1 || !IsPrintableAscii(id);
  if (odd) {
    return core::Err(core::InvalidArgument("message_id: \"" + std::string(id) +
                                           "\" is not of the form id@domain"));
  }
  return "Message-ID: <" + std::string(id) + ">\r\n";
}

core::Status CheckUnsubscribe(std::string_view url) {
  if (auto s = CheckHeaderText("list_unsubscribe", url); !s.ok()) return s;
  const bool web = url.starts_with("https://") || url.starts_with("http://");
  if (!web || url.find_first_of(" \t<>") != std::string_view::npos || !IsPrintableAscii(url)) {
    return core::InvalidArgument("list_unsubscribe: \"" + std::string(url) +
                                 "\" is not an http(s) address");
  }
  return core::Status::Ok();
}

core::Status CheckLanguage(std::string_view language) {
  const bool tag = std::all_of(language.begin(), language.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
  if (!tag) {
    return core::InvalidArgument("language: \"" + std::string(language) +
                                 "\" is not a language tag such as de or en");
  }
  return core::Status::Ok();
}

core::Result<std::string> ExtraHeader(const std::string& name, const std::string& value) {
  const std::string field = "extra header " + name;
  const bool valid_name =
      !name.empty() && name.size() < kMaxLine && std::all_of(name.begin(), name.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 33 && c <= 126 && c != ':';
      });
  if (!valid_name) {
    return core::Err(
        core::InvalidArgument(field + ": a header name is printable ASCII without spaces or ':'"));
  }
  const std::string lower = core::AsciiLower(name);
  if (std::find(kOwnHeaders.begin(), kOwnHeaders.end(), lower) != kOwnHeaders.end()) {
    return core::Err(core::InvalidArgument(field + ": this header is written from the email's "
                                                   "fields and cannot be given again"));
  }
  RETAIN_RETURN_IF_ERROR(CheckHeaderText(field, value));
  return name + ": " + HeaderText(value, name.size() + 2) + "\r\n";
}

// The name of the first header line longer than RFC 5322 allows, or "".
std::string OverlongHeader(std::string_view headers) {
  std::string_view name;
  while (!headers.empty()) {
    const size_t end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    if (!line.starts_with(' ')) name = line.substr(0, line.find(':'));
    if (line.size() > kMaxHeaderLine) return std::string(name);
    headers.remove_prefix(end == std::string_view::npos ? headers.size() : end + 2);
  }
  return "";
}

}  // namespace

core::Result<std::string> ComposeEmail(const Email& email) {
  if (email.date.empty()) return core::Err(core::InvalidArgument("date: no date given"));
  RETAIN_RETURN_IF_ERROR(CheckHeaderText("date", email.date));
  RETAIN_RETURN_IF_ERROR(CheckHeaderText("subject", email.subject));
  if (core::ValidUtf8Prefix(email.body) != email.body.size()) {
    return core::Err(core::InvalidArgument("body is not valid UTF-8"));
  }
  std::string h = "Date: " + HeaderText(email.date, 6) + "\r\n";
  auto from = MailboxHeader("From", "from", email.from);
  if (!from) return core::Err(from.error());
  auto to = MailboxHeader("To", "to", email.to);
  if (!to) return core::Err(to.error());
  h += *from + *to;
  h += "Subject: " + HeaderText(email.subject, 9) + "\r\n";
  if (!email.message_id.empty()) {
    auto line = MessageIdHeader(email.message_id);
    if (!line) return core::Err(line.error());
    h += *line;
  }
  h += "MIME-Version: 1.0\r\n";
  h += "Content-Type: text/plain; charset=UTF-8\r\n";
  h += "Content-Transfer-Encoding: quoted-printable\r\n";
  if (!email.language.empty()) {
    RETAIN_RETURN_IF_ERROR(CheckLanguage(email.language));
    h += "Content-Language: " + email.language + "\r\n";
  }
  if (!email.list_unsubscribe.empty()) {
    RETAIN_RETURN_IF_ERROR(CheckUnsubscribe(email.list_unsubscribe));
    h += "List-Unsubscribe: <" + email.list_unsubscribe + ">\r\n";
    h += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  for (const auto& [name, value] : email.extra_headers) {
    auto line = ExtraHeader(name, value);
    if (!line) return core::Err(line.error());
    h += *line;
  }
  if (const std::string name = OverlongHeader(h); !name.empty()) {
    return core::Err(core::InvalidArgument(name + ": a header line longer than 998 characters"));
  }
  return h + "\r\n" + QuotedPrintable(email.body);
}

}  // namespace retain::messages
