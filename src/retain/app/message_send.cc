#include "retain/app/message_send.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "retain/messages/mime.h"
#include "retain/storage/write_transaction.h"
#include "retain/synth/csv_out.h"

namespace retain::app {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// RFC 5322 date of now, in UTC: "Tue, 03 Mar 2026 09:30:00 +0000".
std::string MailDate() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string Domain(const std::string& address) {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

// "<dir>/<stem>.csv", or "<stem>-2.csv", "-3", ... when an earlier run of
// the day wrote that one already (its contacts are marked exported to it).
std::string FreeName(const std::string& dir, const std::string& stem) {
  for (int n = 1;; ++n) {
    const std::string name = stem + (n == 1 ? "" : "-" + std::to_string(n)) + ".csv";
    const auto path = std::filesystem::path(dir.empty() ? "." : dir) / name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return path.string();
  }
}

// One work list (CSV) being filled: its header, then a row per contact.
// Written to "<file>.tmp" as it grows (memory stays small however long the
// list), renamed to `file` when complete.
struct WorkList {
  std::string file, text;
  std::ofstream out;
  std::vector<int64_t> contacts;
};

void Row(WorkList& list, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) list.text += ',';
    synth::AppendCsvField(list.text, f);
    first = false;
  }
  list.text += '\n';
  if (list.text.size() >= (1u << 20)) {
    list.out << list.text;
    list.text.clear();
  }
}

// Contacts taken and composed per write transaction.
constexpr size_t kChunk = 256;

// The contact's detail with the outcome added.
std::string WithOutcome(const std::string& detail, const json& outcome) {
  json d = json::parse(detail, nullptr, false);
  if (!d.is_object()) d = json::object();
  d["delivery"] = outcome;
  return d.dump();
}

struct Sender {
  storage::Store& store;
  const SendSettings& settings;
  Mailer* mailer;
  SendReport& report;
  Clock::time_point next_send = Clock::now();
  bool mail_down = false;

  // Gives a contact taken but not sent back to the status it had.
  core::Status Defer(const storage::InteractionRecord& c) {
    ++report.deferred;
    return storage::InWriteTransaction(store, [&]() -> core::Status {
      auto moved = store.SetInteractionStatus(c.id, "sending", c.status, c.detail);
      return moved ? core::Status() : moved.error();
    });
  }

  // Moves the contact on from "sending"; a contact another run finished
  // meanwhile is left alone.
  core::Status Finish(const storage::InteractionRecord& c, const std::string& status,
                      const json& outcome) {
    return storage::InWriteTransaction(store, [&]() -> core::Status {
      auto moved =
          store.SetInteractionStatus(c.id, "sending", status, WithOutcome(c.detail, outcome));
      return moved ? core::Status() : moved.error();
    });
  }

  core::Status Fail(const storage::InteractionRecord& c, const std::string& reason) {
    ++report.failed;
    report.failures.push_back({c.customer_id, c.id, reason});
    return Finish(c, "failed",
                  {{"status", "failed"}, {"reason", reason}, {"at", core::UtcNowIso()}});
  }

  // Sends one email, waiting for the rate limit and retrying transient failures.
  core::Status Deliver(const std::string& to, const std::string& text, int& attempts) {
    core::Status s;
    int wait_ms = settings.backoff_ms;
    for (attempts = 1;; ++attempts) {
      std::this_thread::sleep_until(next_send);
      next_send = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(
                                     1e6 / std::max(settings.per_second, 0.001)));
      s = mailer->Send(settings.from_address, to, text);
      if (s.ok() || !messages::IsTransient(s) || attempts >= settings.attempts) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
      wait_ms *= 2;
    }
  }

  core::Status Email(const storage::InteractionRecord& c, const ComposedMessage& m) {
    messages::Email e;
    e.from = {settings.from_address,
              settings.from_name.empty() ? settings.message.shop.name : settings.from_name};
    e.to = {m.customer.email, m.data["customer"].value("name", "")};
    e.subject = m.rendered.subject;
    e.body = m.rendered.body;
    e.message_id = "retain." + std::to_string(c.id) + "." + core::FormatDay(c.day) + "@" +
                   Domain(settings.from_address);
    e.date = MailDate();
    e.list_unsubscribe = m.unsubscribe_url;
    e.language = m.language;
    auto text = messages::ComposeEmail(e);
    if (!text) return Fail(c, text.error().message());
    int attempts = 0;
    const auto s = Deliver(m.customer.email, *text, attempts);
    if (!s.ok() && messages::IsTransient(s)) {
      // The server is away: this and the remaining emails stay planned.
      mail_down = true;
      report.deferred_reason = s.message();
      return Defer(c);
    }
    if (!s.ok()) return Fail(c, s.message() + " (" + std::to_string(attempts) + " attempts)");
    ++report.sent;
    ++report.by_channel["email"];
    return Finish(c, "sent",
                  {{"status", "sent"},
                   {"at", core::UtcNowIso()},
                   {"to", m.customer.email},
                   {"message_id", e.message_id},
                   {"attempts", attempts},
                   {"voucher_code", m.voucher_code}});
  }
};

}  // namespace

core::Result<SendReport> SendPlan(storage::Store& store, const analytics::Snapshot& snapshot,
                                  const SendSettings& settings,
                                  const loyalty::LoyaltyProgram& program,
                                  const SendRequest& request, Mailer* mailer,
                                  const std::function<void(int64_t, int64_t)>& progress) {
  SendReport report;
  report.day = request.day;
  std::optional<MessageComposer> composer;
  if (auto s = storage::InWriteTransaction(store,
                                           [&]() -> core::Status {
                                             auto c = MessageComposer::Create(store, snapshot,
                                                                              settings.message,
                                                                              program, request.day);
                                             if (!c) return c.error();
                                             composer.emplace(std::move(*c));
                                             return core::Status();
                                           });
      !s.ok()) {
    return core::Err(s);
  }
  auto day = store.InteractionsOn(request.day);
  if (!day) return core::Err(day.error());
  std::vector<storage::InteractionRecord> todo;
  bool emails = false;
  for (auto& c : *day) {
    if (!contact::ParseTrigger(c.kind)) continue;  // not a planned contact (a complaint, ...)
    ++report.contacts;
    if (c.status == "planned" || (request.retry_failed && c.status == "failed")) {
      emails = emails || c.channel == "email";
      todo.push_back(std::move(c));
    } else if (c.status == "sending") {
      ++report.in_progress;
    } else {
      ++report.done_before;
    }
  }
  if (emails && !request.email_export) {
    if (!mailer) {
      return core::Err(core::FailedPrecondition(
          "emails are planned but no mail server is configured: set [contact.smtp] host in the "
          "configuration, or export them for a newsletter tool (retain send --email-export, or "
          "\"email_export\": true in POST /api/v1/plan/send)"));
    }
    if (settings.from_address.empty()) {
      return core::Err(core::FailedPrecondition(
          "no sender address: set [contact.shop] email in the configuration"));
    }
  }

  std::map<std::string, WorkList> lists;
  auto list = [&](const std::string& channel) -> core::Result<WorkList*> {
    auto [it, added] = lists.try_emplace(channel);
    WorkList& w = it->second;
    if (added) {
      std::error_code ec;
      std::filesystem::create_directories(request.out_dir.empty() ? "." : request.out_dir, ec);
      if (ec) return core::Err(core::IoError(request.out_dir + ": " + ec.message()));
      w.file = FreeName(request.out_dir, channel + "-" + core::FormatDay(request.day));
      w.out.open(w.file + ".tmp", std::ios::binary | std::ios::trunc);
      if (!w.out) return core::Err(core::IoError(w.file + ".tmp: could not be created"));
      if (channel == "letter") {
        Row(w, {"contact_id", "customer_id", "salutation", "first_name", "last_name", "company",
                "street", "postal_code", "city", "country", "language", "trigger", "subject",
                "body", "voucher_code"});
      } else if (channel == "email") {
        Row(w, {"contact_id", "customer_id", "email", "first_name", "last_name", "language",
                "trigger", "subject", "body", "unsubscribe_url", "voucher_code"});
      } else {
        Row(w, {"contact_id", "customer_id", "name", "phone", "language", "trigger", "reason",
                "subject", "text", "voucher_code"});
      }
    }
    return &w;
  };

  Sender sender{store, settings, mailer, report};
  const bool smtp = !request.email_export;
  int64_t done = 0;
  // One contact, taken and composed: what happens to it.
  struct Taken {
    const storage::InteractionRecord* contact = nullptr;
    core::Status composed;
    std::optional<ComposedMessage> message;
  };
  for (size_t first = 0; first < todo.size(); first += kChunk) {
    const size_t last = std::min(todo.size(), first + kChunk);
    std::vector<Taken> taken;
    auto s = storage::InWriteTransaction(store, [&]() -> core::Status {
      taken.clear();
      for (size_t i = first; i < last; ++i) {
        const auto& c = todo[i];
        if (sender.mail_down && smtp && c.channel == "email") continue;  // stays planned
        auto moved = store.SetInteractionStatus(c.id, c.status, "sending", c.detail);
        if (!moved) return moved.error();
        if (!*moved) {
          ++report.in_progress;
          continue;
        }
        Taken t{&c, {}, {}};
        auto message = composer->Compose(store, c);
        if (message) {
          t.message.emplace(std::move(*message));
        } else {
          t.composed = message.error();
        }
        taken.push_back(std::move(t));
      }
      return core::Status();
    });
    if (!s.ok()) return core::Err(s);
    for (size_t i = first; i < last; ++i) {
      if (sender.mail_down && smtp && todo[i].channel == "email") ++report.deferred;
    }
    for (auto& t : taken) {
      const auto& c = *t.contact;
      core::Status step;
      if (!t.composed.ok()) {
        step = sender.Fail(c, t.composed.message());
      } else if (c.channel == "email" && t.message->customer.email.empty()) {
        step = sender.Fail(c, "no email address");
      } else if (c.channel == "email" && smtp) {
        step = sender.mail_down ? sender.Defer(c) : sender.Email(c, *t.message);
      } else {
        auto w = list(c.channel);
        if (!w) return core::Err(w.error());
        const auto& m = *t.message;
        const auto& cu = m.customer;
        const std::string id = std::to_string(c.id);
        if (c.channel == "letter") {
          Row(**w, {id, cu.external_id, m.data["customer"].value("salutation", ""), cu.first_name,
                    cu.last_name, cu.company, cu.street, cu.postal_code, cu.city, cu.country,
                    m.language, c.kind, m.rendered.subject, m.rendered.body, m.voucher_code});
        } else if (c.channel == "email") {
          Row(**w, {id, cu.external_id, cu.email, cu.first_name, cu.last_name, m.language, c.kind,
                    m.rendered.subject, m.rendered.body, m.unsubscribe_url, m.voucher_code});
        } else {
          Row(**w, {id, cu.external_id, m.data["customer"].value("name", ""), cu.phone, m.language,
                    c.kind, m.data.value("reason", ""), m.rendered.subject, m.rendered.body,
                    m.voucher_code});
        }
        (*w)->contacts.push_back(c.id);
      }
      if (!step.ok()) return core::Err(step);
    }
    done += static_cast<int64_t>(last - first);
    if (progress) progress(done, static_cast<int64_t>(todo.size()));
  }

  // The work lists are completed first, then their contacts marked
  // exported: a list that could not be written leaves its contacts "sending".
  std::map<int64_t, const storage::InteractionRecord*> by_id;
  for (const auto& c : todo) by_id[c.id] = &c;
  for (auto& [channel, w] : lists) {
    w.out << w.text;
    w.out.close();
    if (!w.out) return core::Err(core::IoError(w.file + ".tmp: could not be written"));
    std::error_code ec;
    std::filesystem::rename(w.file + ".tmp", w.file, ec);
    if (ec) return core::Err(core::IoError(w.file + ": " + ec.message()));
    report.files.push_back(w.file);
    // One transaction for the whole list.
    const json outcome = {{"status", "exported"}, {"at", core::UtcNowIso()}, {"file", w.file}};
    auto s = storage::InWriteTransaction(store, [&]() -> core::Status {
      for (int64_t id : w.contacts) {
        auto moved = store.SetInteractionStatus(id, "sending", "exported",
                                                WithOutcome(by_id[id]->detail, outcome));
        if (!moved) return moved.error();
      }
      return core::Status();
    });
    if (!s.ok()) return core::Err(s);
    report.exported += static_cast<int64_t>(w.contacts.size());
    report.work_lists.push_back({channel, w.file, static_cast<int64_t>(w.contacts.size())});
    report.by_channel[channel] += static_cast<int64_t>(w.contacts.size());
  }
  return report;
}

nlohmann::ordered_json SendReportJson(const SendReport& r) {
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const auto& f : r.failures) {
    failures.push_back(
        {{"customer_id", f.customer_id}, {"contact_id", f.contact_id}, {"reason", f.reason}});
  }
  nlohmann::ordered_json work_lists = nlohmann::ordered_json::array();
  for (const auto& w : r.work_lists) {
    work_lists.push_back({{"channel", w.channel}, {"file", w.file}, {"contacts", w.contacts}});
  }
  return {{"day", core::FormatDay(r.day)},
          {"contacts", r.contacts},
          {"sent", r.sent},
          {"exported", r.exported},
          {"failed", r.failed},
          {"done_before", r.done_before},
          {"in_progress", r.in_progress},
          {"deferred", r.deferred},
          {"by_channel", r.by_channel},
          {"files", r.files},
          {"work_lists", work_lists},
          {"failures", failures}};
}

}  // namespace retain::app
