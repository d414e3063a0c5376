// Fields: reads the fields of one JSON request object, collecting the first
// error as a 400 problem that names the field. Unknown fields are refused
// (NoOthers), so a misspelt field is an error rather than silently ignored.
//
//   Fields f(body, "");
//   f.Text("order_id", r.order_id, true, 200);
//   f.Int("amount_cents", r.amount_cents, true, 0, int64_t{1} << 50);
//   f.NoOthers();
//   if (f.failed()) return Fail(f.problem());
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "retain/api/problem.h"
#include "retain/core/date.h"

namespace retain::api {

class Fields {
 public:
  Fields(const nlohmann::json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

  bool Has(const char* name) const { return obj_.contains(name) && !obj_[name].is_null(); }

  void Text(const char* name, std::string& out, bool required = false, size_t max = 1000) {
    seen_.insert(name);
    if (!Has(name)) {
      if (required) Error(name, "is required");
      return;
    }
    const auto& v = obj_[name];
    if (!v.is_string()) return Error(name, "must be a string");
    out = v.get<std::string>();
    if (required && out.empty()) return Error(name, "must not be empty");
    if (out.size() > max) Error(name, "is longer than " + std::to_string(max) + " characters");
  }

  void Int(const char* name, int64_t& out, bool required, int64_t min, int64_t max) {
    seen_.insert(name);
    if (!Has(name)) {
      if (required) Error(name, "is required");
      return;
    }
    const auto& v = obj_[name];
    if (!v.is_number_integer())
      return Error(name, "must be a whole number (minor units for amounts)");
    const int64_t x = v.get<int64_t>();
    if (x < min || x > max) {
      return Error(name, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    out = x;
  }

  void Stamp(const char* name, core::Timestamp& out) {
    std::string text;
    Text(name, text, true, 64);
    if (text.empty() || failed()) return;
    auto ts = core::ParseTimestamp(text);
    if (!ts) return Error(name, ts.error().message());
    out = *ts;
  }

  void Ignore(const char* name) { seen_.insert(name); }

  // Refuses fields not read above.
  void NoOthers() {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (!seen_.count(it.key())) return Error(it.key(), "is not a known field");
    }
  }

  void Error(const std::string& name, const std::string& message) {
    if (!problem_) problem_ = InvalidField(prefix_ + name, message);
  }
  bool failed() const { return problem_.has_value(); }
  const Problem& problem() const { return *problem_; }

 private:
  const nlohmann::json& obj_;
  std::string prefix_;
  std::set<std::string> seen_;
  std::optional<Problem> problem_;
};

}  // namespace retain::api
