#include "retain/analytics/text_column.h"

namespace retain::analytics {

uint32_t TextColumnBuilder::Intern(std::string_view text) {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  const auto id = static_cast<uint32_t>(column_.values.size());
  index_.emplace(std::string(text), id);
  column_.values.emplace_back(text);
  return id;
}

uint32_t TextColumnBuilder::Append(std::string_view text) {
  const uint32_t id = Intern(text);
  column_.ids.push_back(id);
  return id;
}

}  // namespace retain::analytics
