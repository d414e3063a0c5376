// IdCache: external id (text) -> internal id (integer), for the import path.
//
// Open addressing over one slot array and one text arena: a lookup touches
// about two cache lines, where a node-based map chases several pointers.
// Millions of customers cost about 24 bytes each plus their id text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retain::storage::sqlite {

class IdCache {
 public:
  // The id stored for `key`, or nullopt.
  std::optional<int64_t> Find(std::string_view key) const;
  // Stores `id` for `key` (replacing an earlier value).
  void Put(std::string_view key, int64_t id);
  void Clear();
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0 = empty
    int64_t id = 0;
    uint32_t offset = 0, length = 0;  // the key in arena_
  };
  static uint64_t Hash(std::string_view key);
  void Grow();
  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
};

}  // namespace retain::storage::sqlite
