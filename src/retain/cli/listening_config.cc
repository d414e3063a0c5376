#include "retain/cli/listening_config.h"

#include "retain/cli/toml_settings.h"

namespace retain::cli {

core::Status ReadListeningSettings(const toml::table& table, const std::string& path,
                                   app::ListeningSettings& settings) {
  const SettingsReader r(path, "listening");
  const std::pair<const char*, int*> ints[] = {
      {"call_back_working_days", &settings.call_back_working_days},
      {"satisfaction_call_after_days", &settings.satisfaction_call_after_days},
      {"satisfaction_call_working_days", &settings.satisfaction_call_working_days},
      {"complaint_risk_days", &settings.complaint_risk_days}};
  for (const auto& [k, v] : table) {
    const std::string key(k.str());
    core::Status s = r.Wrong(v, key,
                             "unknown setting (known: call_back_working_days, "
                             "satisfaction_call_min_cents, satisfaction_call_after_days, "
                             "satisfaction_call_working_days, complaint_risk_days)");
    int64_t value = 0;
    for (const auto& [name, out] : ints) {
      if (key == name && (s = r.Int(v, key, *out)).ok()) value = *out;
    }
    if (key == "satisfaction_call_min_cents" &&
        (s = r.Int(v, key, settings.satisfaction_call_min_cents)).ok()) {
      value = settings.satisfaction_call_min_cents;
    }
    if (s.ok() && value < 0) s = r.Wrong(v, key, "must be 0 or more");
    if (!s.ok()) return s;
  }
  if (auto s = app::Validate(settings); !s.ok()) {
    return core::InvalidArgument(path + ": [listening]: " + s.message());
  }
  return {};
}

core::Result<app::ListeningSettings> LoadListeningSettings(const std::string& path) {
  app::ListeningSettings settings;
  if (path.empty()) return settings;
  auto t = ParseTomlFile(path);
  if (!t) return core::Err(t.error());
  if (const toml::node* n = t->get("listening")) {
    if (!n->is_table()) {
      const auto& at = n->source().begin;
      return core::Err(core::InvalidArgument(path + ":" + std::to_string(at.line) + ":" +
                                             std::to_string(at.column) +
                                             ": listening: must be a table ([listening])"));
    }
    if (auto s = ReadListeningSettings(*n->as_table(), path, settings); !s.ok()) {
      return core::Err(s);
    }
  }
  return settings;
}

}  // namespace retain::cli
