#include "retain/analytics/text_column.h"

namespace retain::analytics {

uint32_t TextColumnBuilder::Intern(std::string_view text) {
  auto [it, added] =
      index_.try_emplace(std::string(text), static_cast<uint32_t>(column_.values.size()));
  if (added) column_.values.emplace_back(text);
  return it->second;
}

uint32_t TextColumnBuilder::Append(std::string_view text) {
  const uint32_t id = Intern(text);
  column_.ids.push_back(id);
  return id;
}

}  // namespace retain::analytics
