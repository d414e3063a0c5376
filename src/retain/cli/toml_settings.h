// Reading one table of the TOML configuration file with errors that name
// the file, line, column and setting ("retain.toml:7:1: contact.silence_days:
// must be a whole number").
//
//   SettingsReader r(path, "contact");
//   for (const auto& [k, v] : table) s = r.Int(v, std::string(k.str()), policy.silence_days);
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::cli {

class SettingsReader {
 public:
  // `table` prefixes every setting's name in errors ("loyalty", "contact.smtp").
  SettingsReader(std::string path, std::string table)
      : path_(std::move(path)), table_(std::move(table)) {}
  const std::string& path() const { return path_; }

  // kInvalidArgument "<file>:<line>:<column>: <table>.<key>: <what>".
  core::Status Wrong(const toml::node& n, const std::string& key, const std::string& what) const;
  // Each reads the node into `out` or says what the setting must be.
  template <class T>
  core::Status Int(const toml::node& n, const std::string& key, T& out) const {
    auto v = n.value<int64_t>();
    if (!n.is_integer() || !v) return Wrong(n, key, "must be a whole number");
    out = static_cast<T>(*v);
    return {};
  }
  core::Status Number(const toml::node& n, const std::string& key, double& out) const;
  core::Status Bool(const toml::node& n, const std::string& key, bool& out) const;
  core::Status Text(const toml::node& n, const std::string& key, std::string& out) const;
  core::Status Texts(const toml::node& n, const std::string& key,
                     std::vector<std::string>& out) const;
  core::Status Date(const toml::node& n, const std::string& key, core::Day& out) const;
  // A list of tables ([[...]]), each read by read(table, value).
  template <class T, class Read>
  core::Status List(const toml::node& n, const std::string& key, std::vector<T>& out,
                    Read read) const {
    if (!n.is_array_of_tables()) return Wrong(n, key, "must be a list of tables ([[...]])");
    out.clear();
    for (const auto& item : *n.as_array()) {
      T value;
      if (auto s = read(*item.as_table(), value); !s.ok()) return s;
      out.push_back(std::move(value));
    }
    return {};
  }

 private:
  std::string path_, table_;
};

// Parses a TOML file; kInvalidArgument with file:line:column on a syntax
// error, kNotFound when there is no such file.
core::Result<toml::table> ParseTomlFile(const std::string& path);

// The configuration file to read: `flag` if given, else RETAIN_CONFIG, else "".
std::string ConfigPath(const std::string& flag);

}  // namespace retain::cli
