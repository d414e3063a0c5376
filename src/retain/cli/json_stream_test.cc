#include "retain/cli/json_stream.h"

#include <gtest/gtest.h>

#include <sstream>

namespace retain::cli {
namespace {

using Json = nlohmann::ordered_json;

Json Element(size_t i) {
  return {{"customer_id", "C" + std::to_string(i)},
          {"p_alive", 0.5 + i},
          {"nested", {{"a", Json::array({1, 2})}, {"b", Json::object()}}}};
}

// Streamed output must be byte for byte what dumping the whole document gives.
TEST(WriteJsonWithArray, EqualsTheWholeDocumentsDump) {
  for (size_t n : {0, 1, 3}) {
    Json whole = {{"as_of", "2025-12-31"}, {"total", 12.5}, {"customers", Json::array()}};
    for (size_t i = 0; i < n; ++i) whole["customers"].push_back(Element(i));
    const Json head = {{"as_of", "2025-12-31"}, {"total", 12.5}, {"customers", Json::array()}};
    std::ostringstream out;
    WriteJsonWithArray(out, head, "customers", n, Element);
    EXPECT_EQ(out.str(), whole.dump(2) + "\n") << n;
    EXPECT_EQ(Json::parse(out.str()), whole);
  }
}

}  // namespace
}  // namespace retain::cli
