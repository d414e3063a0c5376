// `retain send`: the committed plan of a day turned into messages. Emails go
// out through SMTP (or into an export file for a newsletter tool), letters,
// text messages and calls become work lists (CSV) for mail merge, the SMS
// gateway and the phone. Every contact is taken once (planned -> sending,
// compare-and-set), so two runs, or two servers, never send it twice; the
// outcome (sent, exported, failed with the reason) is kept in its detail.
//
//   SmtpMailer mailer(settings.smtp);
//   auto report = SendPlan(store, snapshot, settings, {.day = d, .out_dir = "out"}, &mailer);
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "retain/app/message_data.h"
#include "retain/messages/smtp_client.h"

namespace retain::app {

// Where emails go; SmtpMailer in the program, a recording one in tests.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends a composed email (see messages::SmtpClient::Send for the errors).
  virtual core::Status Send(const std::string& from, const std::string& to,
                            const std::string& message) = 0;
};

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(messages::SmtpSettings settings) : client_(std::move(settings)) {}
  core::Status Send(const std::string& from, const std::string& to,
                    const std::string& message) override {
    return client_.Send(from, to, message);
  }

 private:
  messages::SmtpClient client_;
};

struct SendSettings {
  MessageSettings message;
  std::string from_address;  // the envelope and From address; required for email
  std::string from_name;     // the From display name (default: the shop's name)
  double per_second = 5;     // at most this many emails a second
  int attempts = 3;          // tries per email on transient failures
  int backoff_ms = 2000;     // wait before the second try; doubled for each further one
};

struct SendRequest {
  core::Day day = 0;
  std::string out_dir;        // where work lists and exports are written
  bool email_export = false;  // emails into emails.csv instead of SMTP
  bool retry_failed = false;  // take failed contacts again
};

struct SendFailure {
  std::string customer_id;
  int64_t contact_id = 0;
  std::string reason;
};

// A work list written by a run: its channel, its file and how many contacts it holds.
struct WorkListFile {
  std::string channel;  // "letter" | "sms" | "phone" | "email" (the email export)
  std::string file;
  int64_t contacts = 0;
};

struct SendReport {
  core::Day day = 0;
  int64_t contacts = 0;     // contacts planned for the day (all statuses)
  int64_t sent = 0;         // emails handed to the mail server
  int64_t exported = 0;     // into a work list or the email export
  int64_t failed = 0;       // by this run
  int64_t done_before = 0;  // sent, exported or failed by an earlier run
  int64_t in_progress = 0;  // "sending": taken by another run (or one that stopped)
  // Emails left "planned" because the mail server could not be reached
  // (after the retries of one message, the run sends no further email).
  int64_t deferred = 0;
  std::string deferred_reason;
  std::map<std::string, int64_t> by_channel;  // sent + exported
  std::vector<std::string> files;             // work lists written
  std::vector<WorkListFile> work_lists;       // the same, with channel and contacts
  std::vector<SendFailure> failures;
};

// Sends the day's committed contacts. `mailer` may be null when there are
// no emails to send or request.email_export is set (kFailedPrecondition
// otherwise, saying to configure [contact.smtp]). Opens its own
// transactions; `progress(done, total)` is called as contacts are done.
// kInvalidArgument for a broken template or settings.
core::Result<SendReport> SendPlan(storage::Store& store, const analytics::Snapshot& snapshot,
                                  const SendSettings& settings,
                                  const loyalty::LoyaltyProgram& program,
                                  const SendRequest& request, Mailer* mailer,
                                  const std::function<void(int64_t, int64_t)>& progress = {});

// {"day","contacts","sent","exported","failed","done_before","in_progress","deferred",
//  "by_channel","files","work_lists":[{"channel","file","contacts"}],
//  "failures":[{"customer_id","contact_id","reason"}]}
nlohmann::ordered_json SendReportJson(const SendReport& r);

}  // namespace retain::app
