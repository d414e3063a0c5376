// Parsing date options (--from, --to, --as-of) with a clear error.
#pragma once

#include <optional>
#include <string>

#include "retain/core/date.h"

namespace retain::cli {

// Empty text -> nullopt; otherwise the parsed day, or an error naming the option.
core::Result<std::optional<core::Day>> ParseDateOption(const std::string& option,
                                                       const std::string& text);

}  // namespace retain::cli
