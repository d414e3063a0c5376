// Composing an email (RFC 5322 with MIME) from a rendered message: a
// single UTF-8 text/plain part, quoted-printable, CRLF line ends, with the
// one-click unsubscribe headers of RFC 2369 and RFC 8058.
//
//   Email e{.from = {"news@shop.example", "Schuhhaus Müller"},
//           .to = {"anna@example.com", "Anna Müller"},
//           .subject = m.subject, .body = m.body,
//           .message_id = "c17.birthday.2026@shop.example",
//           .date = "Tue, 03 Mar 2026 09:30:00 +0100",
//           .list_unsubscribe = "https://shop.example/u/Zk3q", .language = "de"};
//   auto text = ComposeEmail(e);  // ready for SmtpClient::Send
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "retain/core/status.h"

namespace retain::messages {

struct Mailbox {
  std::string address;  // "anna@example.com" (CheckAddress, address.h)
  std::string name;     // display name, UTF-8; empty: the address alone
};

struct Email {
  Mailbox from;
  Mailbox to;
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8 plain text; line ends "\n", "\r\n" or "\r"
  // "id@domain", with or without angle brackets; empty: no Message-ID
  // header (the sending server usually adds one).
  std::string message_id;
  std::string date;  // RFC 5322 date given by the caller; required
  // The one-click unsubscribe address (http or https; RFC 8058 wants
  // https); empty: no List-Unsubscribe headers.
  std::string list_unsubscribe;
  std::string language;  // Content-Language, "de", "en"; empty: no header
  // More headers, name and value (UTF-8; non-ASCII values are encoded).
  // The headers this function writes itself cannot be given here.
  std::vector<std::pair<std::string, std::string>> extra_headers;
};

// The email as text ready for SMTP: headers (Date, From, To, Subject,
// Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding,
// Content-Language, List-Unsubscribe, List-Unsubscribe-Post, then the
// extra headers), an empty line, the body as quoted-printable; every line
// ends with CRLF and is at most 76 characters, unless one word of a header
// (such as a long URL) is longer. Non-ASCII display names and subjects are
// RFC 2047 encoded words. Fails with kInvalidArgument naming the field
// ("subject", "to.address", "extra header X-Campaign", ...) for a line
// break or other control character in any header value (header
// injection), an invalid address, text that is not UTF-8, a missing date,
// an unsubscribe address that is not http(s), or an extra header that is
// malformed or one of the headers written here.
core::Result<std::string> ComposeEmail(const Email& email);

}  // namespace retain::messages
