#include "retain/cli/date_option.h"

namespace retain::cli {

core::Result<std::optional<core::Day>> ParseDateOption(const std::string& option,
                                                       const std::string& text) {
  if (text.empty()) return std::optional<core::Day>();
  auto d = core::ParseDate(text);
  if (!d) return core::Err(d.error().WithPrefix(option));
  return std::optional<core::Day>(*d);
}

}  // namespace retain::cli
