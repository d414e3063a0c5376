#include "retain/cli/json_stream.h"

#include <cassert>
#include <string>

namespace retain::cli {

void WriteJsonWithArray(std::ostream& out, const nlohmann::ordered_json& report,
                        std::string_view array_key, size_t n,
                        const std::function<nlohmann::ordered_json(size_t)>& element) {
  const std::string head = report.dump(2);
  // The array is the last member, so the dump ends in `"key": []\n}`.
  const std::string tail = "\"" + std::string(array_key) + "\": []\n}";
  assert(head.ends_with(tail));
  if (n == 0 || !head.ends_with(tail)) {
    out << head << "\n";
    return;
  }
  out << std::string_view(head).substr(0, head.size() - 3);  // up to and with '['
  std::string item;
  for (size_t i = 0; i < n; ++i) {
    // An element at depth 2: its own lines indented by four more spaces.
    item = i == 0 ? "\n    " : ",\n    ";
    for (char c : element(i).dump(2)) {
      item += c;
      if (c == '\n') item += "    ";
    }
    out.write(item.data(), static_cast<std::streamsize>(item.size()));
  }
  out << "\n  ]\n}\n";
}

}  // namespace retain::cli
