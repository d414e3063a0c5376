#include "retain/cli/message_config.h"

#include <cstdlib>

#include "retain/cli/contact_config.h"
#include "retain/cli/date_option.h"
#include "retain/cli/toml_settings.h"

namespace retain::cli {
namespace {

// Reads the table `name` of [contact] with the given text, int, number and
// flag settings; anything else is refused naming the known ones.
struct Fields {
  std::vector<std::pair<const char*, std::string*>> texts;
  std::vector<std::pair<const char*, int*>> ints;
  std::vector<std::pair<const char*, double*>> reals;
  std::vector<std::pair<const char*, bool*>> flags;

  std::string Known() const {
    std::string k;
    auto add = [&](const char* n) { k += (k.empty() ? "" : ", ") + std::string(n); };
    for (const auto& f : texts) add(f.first);
    for (const auto& f : ints) add(f.first);
    for (const auto& f : reals) add(f.first);
    for (const auto& f : flags) add(f.first);
    return k;
  }
};

core::Status ReadTable(const std::string& path, const toml::table& contact, const char* name,
                       const Fields& fields) {
  const toml::node* n = contact.get(name);
  if (!n) return {};
  const SettingsReader r(path, std::string("contact.") + name);
  if (!n->is_table()) return r.Wrong(*n, "", "must be a table");
  for (const auto& [k, v] : *n->as_table()) {
    const std::string key(k.str());
    core::Status s = r.Wrong(v, key, "unknown setting (known: " + fields.Known() + ")");
    for (const auto& [f, out] : fields.texts) {
      if (key == f) s = r.Text(v, key, *out);
    }
    for (const auto& [f, out] : fields.ints) {
      if (key == f) s = r.Int(v, key, *out);
    }
    for (const auto& [f, out] : fields.reals) {
      if (key == f) s = r.Number(v, key, *out);
    }
    for (const auto& [f, out] : fields.flags) {
      if (key == f) s = r.Bool(v, key, *out);
    }
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace

core::Result<MessageConfig> LoadMessageConfig(const std::string& path) {
  MessageConfig c;
  auto& m = c.send.message;
  auto& shop = m.shop;
  if (!path.empty()) {
    auto t = ParseTomlFile(path);
    if (!t) return core::Err(t.error());
    if (const auto* contact = (*t)["contact"].as_table()) {
      if (const auto* informal = contact->get("informal"); informal && informal->is_boolean()) {
        m.informal = informal->value<bool>().value_or(false);
      }
      Fields shop_fields{.texts = {{"name", &shop.name},
                                   {"url", &shop.url},
                                   {"address", &shop.address},
                                   {"sender_name", &shop.sender_name},
                                   {"email", &shop.email},
                                   {"review_url", &shop.review_url}}};
      Fields smtp_fields{
          .texts = {{"host", &c.smtp.host},
                    {"tls", &c.smtp.tls},
                    {"user", &c.smtp.user},
                    {"password", &c.smtp.password},
                    {"from_name", &c.send.from_name}},
          .ints = {{"port", &c.smtp.port}, {"timeout_seconds", &c.smtp.timeout_seconds}}};
      Fields message_fields{.texts = {{"public_url", &m.public_url},
                                      {"templates_dir", &m.templates_dir},
                                      {"offer_code", &m.offer_code},
                                      {"work_list_dir", &c.work_list_dir}},
                            .ints = {{"recommendations", &m.recommendations},
                                     {"voucher_valid_days", &m.voucher_valid_days},
                                     {"feedback_valid_days", &m.feedback_valid_days},
                                     {"attempts", &c.send.attempts},
                                     {"backoff_ms", &c.send.backoff_ms}},
                            .reals = {{"per_second", &c.send.per_second}}};
      for (auto [name, fields] : {std::pair{"shop", &shop_fields}, std::pair{"smtp", &smtp_fields},
                                  std::pair{"messages", &message_fields}}) {
        if (auto s = ReadTable(path, *contact, name, *fields); !s.ok()) return core::Err(s);
      }
    }
  }
  if (const char* pw = std::getenv("RETAIN_SMTP_PASSWORD"); pw && *pw) c.smtp.password = pw;
  while (m.public_url.ends_with('/')) m.public_url.pop_back();
  if (m.public_url.rfind("http://", 0) != 0 && m.public_url.rfind("https://", 0) != 0) {
    return core::Err(core::InvalidArgument(path + ": contact.messages.public_url: must start with "
                                                  "http:// or https://"));
  }
  if (c.send.per_second <= 0 || c.send.attempts < 1 || c.send.backoff_ms < 0 ||
      m.voucher_valid_days < 1 || m.feedback_valid_days < 1 || m.recommendations < 0) {
    return core::Err(core::InvalidArgument(
        path +
        ": [contact.messages]: per_second must be above 0, attempts at least 1, "
        "backoff_ms, recommendations not negative, the valid days at least 1"));
  }
  c.send.from_address = shop.email;
  c.smtp.from_address = shop.email;
  c.smtp.from_name = c.send.from_name.empty() ? shop.name : c.send.from_name;
  return c;
}

core::Result<MessageRun> OpenMessageRun(const std::string& db, const std::string& config_flag,
                                        const std::string& date_flag) {
  const std::string path = ConfigPath(config_flag);
  auto config = LoadMessageConfig(path);
  if (!config) return core::Err(config.error());
  auto plan = LoadPlanSettings(path);
  if (!plan) return core::Err(plan.error());
  auto day = ParseDateOption("--date", date_flag);
  if (!day) return core::Err(day.error());
  auto session = app::OpenAnalytics(db);
  if (!session) return core::Err(session.error());
  return MessageRun{std::move(*config), std::move(*plan), day->value_or(core::LocalToday()),
                    std::move(*session)};
}

}  // namespace retain::cli
