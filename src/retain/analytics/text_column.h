// Texts of many rows with each distinct text stored once (dictionary
// encoding): how the snapshot keeps countries, cities, tags and attributes,
// and how segment rules test them once per distinct value.
//
//   TextColumnBuilder b;
//   b.Append("DE"); b.Append(""); b.Append("DE");
//   TextColumn c = b.Finish();  // c.values = {"", "DE"}, c.ids = {1, 0, 1}
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace retain::analytics {

struct TextColumn {
  std::vector<std::string> values{""};  // distinct texts; entry 0 is "" (no value)
  std::vector<uint32_t> ids;            // per row: index into values

  size_t size() const { return ids.size(); }
  std::string_view at(size_t row) const { return values[ids[row]]; }
};

// Several texts per row (tags; attribute keys and values): row r's texts are
// values[ids[k]] for k in [offsets[r], offsets[r + 1]).
struct TextLists {
  std::vector<std::string> values;
  std::vector<int64_t> offsets{0};
  std::vector<uint32_t> ids;

  size_t size() const { return offsets.size() - 1; }
};

// Builds a TextColumn row by row.
class TextColumnBuilder {
 public:
  TextColumnBuilder() { index_.emplace("", 0); }
  // Appends a row; returns its id.
  uint32_t Append(std::string_view text);
  // The id of `text` in the dictionary so far, adding it if new (for lists).
  uint32_t Intern(std::string_view text);
  TextColumn Finish() { return std::move(column_); }
  std::vector<std::string> TakeValues() { return std::move(column_.values); }

 private:
  // Looks texts up without building a std::string for each.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  TextColumn column_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
};

}  // namespace retain::analytics
