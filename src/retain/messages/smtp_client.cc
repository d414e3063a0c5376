#include "retain/messages/smtp_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "retain/messages/address.h"

namespace retain::messages {

namespace {

// What one transfer's callbacks see.
struct Transfer {
  std::string_view unsent;   // the rest of the message to upload
  std::string last_reply;    // the server's latest reply line
  std::string last_command;  // the verb of our latest command ("RCPT"), never its arguments
  // The first 4xx or 5xx reply line of the transfer and the verb of the
  // command it answered. Kept apart from the latest reply: after a refusal
  // libcurl may go on (QUIT, "221 Bye") before curl_easy_perform returns.
  std::string error_reply;
  std::string error_command;
};

void InitCurlOnce() {
  static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialized;
}

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto& unsent = static_cast<Transfer*>(user)->unsent;
  const size_t n = std::min(size * count, unsent.size());
  std::memcpy(buffer, unsent.data(), n);
  unsent.remove_prefix(n);
  return n;
}

// The SMTP verb a command line starts with, "AUTH" for a line that is not
// a command (the client's answers within an AUTH exchange carry the
// credentials, so nothing of such a line is kept).
std::string Verb(std::string_view line) {
  static constexpr std::string_view kVerbs[] = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL",
                                                "RCPT", "DATA", "RSET",     "NOOP", "QUIT"};
  const std::string_view first = line.substr(0, line.find(' '));
  for (std::string_view verb : kVerbs) {
    const bool same = first.size() == verb.size() &&
                      std::equal(first.begin(), first.end(), verb.begin(), [](char a, char b) {
                        return std::toupper(static_cast<unsigned char>(a)) == b;
                      });
    if (same) return std::string(verb);
  }
  return "AUTH";
}

// Keeps the server's replies and the verbs of our commands for the error
// message. The arguments of our commands (AUTH carries the credentials)
// are never kept.
int WatchProtocol(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.empty()) return 0;
  if (type == CURLINFO_HEADER_IN) {
    t->last_reply = std::string(line.substr(0, 200));
    if (t->error_reply.empty() && (line[0] == '4' || line[0] == '5')) {
      t->error_reply = t->last_reply;
      t->error_command = t->last_command;
    }
  } else if (type == CURLINFO_HEADER_OUT) {
    t->last_command = Verb(line);
  }
  return 0;
}

// The code of an SMTP reply line ("550 5.1.1 ..." gives 550), or 0.
long ReplyCode(std::string_view line) {
  if (line.size() < 3) return 0;
  long code = 0;
  for (char c : line.substr(0, 3)) {
    if (c < '0' || c > '9') return 0;
    code = code * 10 + (c - '0');
  }
  return code;
}

// The URL of the server: smtps:// for TLS from the start, else smtp://.
std::string ServerUrl(const SmtpSettings& s) {
  const bool ipv6 = s.host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", s.tls == "tls" ? "smtps" : "smtp", ipv6 ? "[" : "", s.host,
                     ipv6 ? "]" : "", s.port);
}

core::Status CheckSettings(const SmtpSettings& s) {
  if (s.host.empty()) return core::FailedPrecondition("SMTP: no server (host) is set");
  if (s.host.find_first_of(" \t\r\n/@[]?#") != std::string::npos) {
    return core::FailedPrecondition("SMTP: \"" + s.host + "\" is not a host name");
  }
  if (s.port < 1 || s.port > 65535) {
    return core::FailedPrecondition(fmt::format("SMTP: port {} is out of range", s.port));
  }
  if (s.tls != "none" && s.tls != "starttls" && s.tls != "tls") {
    return core::FailedPrecondition("SMTP: tls must be none, starttls or tls, not \"" + s.tls +
                                    "\"");
  }
  return core::Status::Ok();
}

bool SettingsProblem(CURLcode rc) {
  switch (rc) {
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_REMOTE_ACCESS_DENIED:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return true;
    default:
      return false;
  }
}

// The code for a failed transfer: a 4xx reply or a network failure is
// transient; a 5xx reply to our sender, login or greeting means the
// settings do not work; a 5xx reply to the recipient or the message is a
// refusal of this message.
core::Code Classify(CURLcode rc, long reply, const std::string& command) {
  if (SettingsProblem(rc)) return core::Code::kFailedPrecondition;
  if (reply >= 400 && reply < 500) return core::Code::kIo;
  if (reply >= 500) {
    const bool message = command == "RCPT" || command == "DATA";
    return message ? core::Code::kInvalidArgument : core::Code::kFailedPrecondition;
  }
  return core::Code::kIo;
}

std::string Advice(core::Code code) {
  switch (code) {
    case core::Code::kIo:
      return "temporary, worth retrying later";
    case core::Code::kInvalidArgument:
      return "refused for good, not worth retrying";
    default:
      return "check the SMTP settings";
  }
}

void Replace(std::string& text, std::string_view secret, std::string_view with) {
  if (secret.empty()) return;
  for (size_t p = text.find(secret); p != std::string::npos; p = text.find(secret, p)) {
    text.replace(p, secret.size(), with);
    p += with.size();
  }
}

// The result of one transfer.
struct Outcome {
  CURLcode rc = CURLE_OK;
  long reply = 0;            // the last reply code
  long new_connections = 0;  // 0: a kept connection was used
  Transfer transfer;
};

// Sends one message on `curl` (which keeps its connection for the next).
Outcome Perform(CURL* curl, char* error, const SmtpSettings& s, const std::string& from,
                const std::string& recipient, const std::string& message) {
  Outcome o;
  o.transfer.unsent = message;
  error[0] = '\0';
  const std::string url = ServerUrl(s);
  const std::string mail_from = "<" + from + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  const long timeout = std::max(1, s.timeout_seconds);
  const char* user = s.user.empty() ? nullptr : s.user.c_str();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USE_SSL, s.tls == "none" ? CURLUSESSL_NONE : CURLUSESSL_ALL);
  curl_easy_setopt(curl, CURLOPT_USERNAME, user);
  curl_easy_setopt(curl, CURLOPT_PASSWORD, user ? s.password.c_str() : nullptr);
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(curl, CURLOPT_READDATA, &o.transfer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, timeout);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  // The protocol is watched through the debug callback, which needs
  // verbose mode; nothing is printed.
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, WatchProtocol);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &o.transfer);
  o.rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &o.reply);
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &o.new_connections);
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  curl_slist_free_all(rcpt);
  return o;
}

}  // namespace

struct SmtpClient::Connection {
  CURL* curl = curl_easy_init();
  char error[CURL_ERROR_SIZE] = {};

  ~Connection() {
    if (curl) curl_easy_cleanup(curl);
  }
};

SmtpClient::SmtpClient(SmtpSettings settings) : settings_(std::move(settings)) { InitCurlOnce(); }

SmtpClient::~SmtpClient() = default;

core::Status SmtpClient::Send(const std::string& envelope_from, const std::string& recipient,
                              const std::string& message) {
  const std::string& from = envelope_from.empty() ? settings_.from_address : envelope_from;
  if (auto s = CheckAddress("envelope sender", from); !s.ok()) return s;
  if (auto s = CheckAddress("recipient", recipient); !s.ok()) return s;
  if (auto s = CheckSettings(settings_); !s.ok()) return s;

  // A connection kept from an earlier message may have been closed by the
  // server meanwhile: then one more try on a new one, if the server said
  // nothing at all in this transfer (so the message cannot have gone through).
  for (int attempt = 0;; ++attempt) {
    if (!connection_) connection_ = std::make_unique<Connection>();
    if (!connection_->curl) return core::Internal("SMTP: libcurl could not be initialised");
    const Outcome o =
        Perform(connection_->curl, connection_->error, settings_, from, recipient, message);
    if (o.rc == CURLE_OK) return core::Status::Ok();

    const std::string what = connection_->error[0] ? connection_->error : curl_easy_strerror(o.rc);
    connection_.reset();  // a failed session is not reused
    const std::string& refusal = o.transfer.error_reply;
    const core::Code code = refusal.empty()
                                ? Classify(o.rc, o.reply, o.transfer.last_command)
                                : Classify(o.rc, ReplyCode(refusal), o.transfer.error_command);
    const bool stale = o.new_connections == 0 && o.transfer.last_reply.empty();
    if (code == core::Code::kIo && stale && attempt == 0) continue;

    std::string text = fmt::format("SMTP {}:{}: {}", settings_.host, settings_.port, what);
    if (!refusal.empty()) text += " (server: " + refusal + ")";
    text += "; " + Advice(code);
    Replace(text, settings_.password, "***");
    return core::Status(code, text);
  }
}

bool IsTransient(const core::Status& status) { return status.code() == core::Code::kIo; }

}  // namespace retain::messages
