// Sending composed emails over SMTP (libcurl), one connection kept open
// between messages.
//
//   SmtpClient smtp(settings);
//   core::Status s = smtp.Send(settings.from_address, "anna@example.com", *text);
//   if (!s.ok() && IsTransient(s)) ...try again later
//   else if (!s.ok()) ...give up on this message (and, for
//                        kFailedPrecondition, fix the settings)
#pragma once

#include <memory>
#include <string>

#include "retain/core/status.h"

namespace retain::messages {

struct SmtpSettings {
  std::string host;  // the mail server, "smtp.example.com"; required
  int port = 587;    // 587 submission (STARTTLS), 465 implicit TLS, 25 relay
  // "starttls": plain connection upgraded to TLS, refused if the server
  // cannot; "tls": TLS from the start (port 465); "none": no encryption
  // (only for a relay on the same host or tests).
  std::string tls = "starttls";
  std::string user, password;  // empty user: no authentication
  std::string from_address;    // the sender used when Send gets none
  std::string from_name;       // the display name for composing emails
  // The longest wait for the connection, and for the server to answer or
  // take data at any point of a message (seconds).
  int timeout_seconds = 30;
};

// Keeps one connection open between sends (reconnecting when it was lost
// or after a failure). Not thread-safe: one client per thread.
class SmtpClient {
 public:
  explicit SmtpClient(SmtpSettings settings);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  // Sends `message` (a complete email, as ComposeEmail makes it) from
  // `envelope_from` (empty: settings.from_address) to `recipient`.
  // Errors say what failed (curl's words and the server's reply) and
  // never contain the password:
  //  kIo                 transient: no connection, timeout, a 4xx reply;
  //                      worth retrying later (IsTransient).
  //  kInvalidArgument    the server refused the recipient or the message
  //                      for good (5xx), or an address is malformed.
  //  kFailedPrecondition the settings do not work: login refused, TLS
  //                      failed or unavailable, sender refused (5xx to
  //                      MAIL FROM), an unknown `tls` value, no host.
  core::Status Send(const std::string& envelope_from, const std::string& recipient,
                    const std::string& message);

 private:
  struct Connection;
  SmtpSettings settings_;
  std::unique_ptr<Connection> connection_;
};

// True for a Status from SmtpClient::Send that is worth retrying later.
bool IsTransient(const core::Status& status);

}  // namespace retain::messages
