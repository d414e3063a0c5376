#include "retain/storage/customer_fields.h"

#include <nlohmann/json.hpp>

namespace retain::storage {

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += '|';
    out += t;
  }
  return out;
}

std::vector<std::string> SplitTags(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const size_t p = s.find('|');
    out.emplace_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

model::ConsentState ConsentFrom(std::string_view s) {
  if (s == "granted") return model::ConsentState::kGranted;
  if (s == "denied") return model::ConsentState::kDenied;
  return model::ConsentState::kUnknown;
}

std::string AttributesJson(const std::map<std::string, std::string>& attributes) {
  return attributes.empty() ? std::string() : nlohmann::json(attributes).dump();
}

std::map<std::string, std::string> ParseAttributes(std::string_view json) {
  std::map<std::string, std::string> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

}  // namespace retain::storage
