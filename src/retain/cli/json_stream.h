// JSON reports with one very long array (every customer), written element by
// element so a million customers never sit in memory as one document.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string_view>

#include <nlohmann/json.hpp>

namespace retain::cli {

// Writes `report` followed by a newline exactly as report.dump(2) would if
// its last member, `array_key` (an empty array in `report`), held
// element(0), ..., element(n - 1); each element is built and written in turn.
void WriteJsonWithArray(std::ostream& out, const nlohmann::ordered_json& report,
                        std::string_view array_key, size_t n,
                        const std::function<nlohmann::ordered_json(size_t)>& element);

}  // namespace retain::cli
