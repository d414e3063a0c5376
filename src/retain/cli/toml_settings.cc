#include "retain/cli/toml_settings.h"

#include <cstdlib>
#include <filesystem>

namespace retain::cli {

core::Status SettingsReader::Wrong(const toml::node& n, const std::string& key,
                                   const std::string& what) const {
  const auto& at = n.source().begin;
  return core::InvalidArgument(path_ + ":" + std::to_string(at.line) + ":" +
                               std::to_string(at.column) + ": " + table_ + "." + key + ": " + what);
}

core::Status SettingsReader::Number(const toml::node& n, const std::string& key,
                                    double& out) const {
  if (n.is_integer()) {
    out = static_cast<double>(*n.value<int64_t>());
  } else if (n.is_floating_point()) {
    out = *n.value<double>();
  } else {
    return Wrong(n, key, "must be a number");
  }
  return {};
}

core::Status SettingsReader::Bool(const toml::node& n, const std::string& key, bool& out) const {
  if (!n.is_boolean()) return Wrong(n, key, "must be true or false");
  out = *n.value<bool>();
  return {};
}

core::Status SettingsReader::Text(const toml::node& n, const std::string& key,
                                  std::string& out) const {
  if (!n.is_string()) return Wrong(n, key, "must be text in quotes");
  out = *n.value<std::string>();
  return {};
}

core::Status SettingsReader::Texts(const toml::node& n, const std::string& key,
                                   std::vector<std::string>& out) const {
  if (!n.is_array()) return Wrong(n, key, "must be a list of texts ([\"a\", \"b\"])");
  out.clear();
  for (const auto& item : *n.as_array()) {
    if (!item.is_string()) return Wrong(item, key, "must be a list of texts ([\"a\", \"b\"])");
    out.push_back(*item.value<std::string>());
  }
  return {};
}

core::Status SettingsReader::Date(const toml::node& n, const std::string& key,
                                  core::Day& out) const {
  std::string text;
  if (auto s = Text(n, key, text); !s.ok()) return s;
  auto d = core::ParseDate(text);
  if (!d) return Wrong(n, key, d.error().message());
  out = *d;
  return {};
}

core::Result<toml::table> ParseTomlFile(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return core::Err(core::NotFound(path + ": no such configuration file"));
  }
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return core::Err(core::InvalidArgument(path + ":" + std::to_string(where.line) + ":" +
                                           std::to_string(where.column) + ": " +
                                           std::string(e.description())));
  }
}

std::string ConfigPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("RETAIN_CONFIG");
  return env ? env : "";
}

}  // namespace retain::cli
