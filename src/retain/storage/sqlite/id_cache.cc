#include "retain/storage/sqlite/id_cache.h"

namespace retain::storage::sqlite {

uint64_t IdCache::Hash(std::string_view key) {
  // FNV-1a, then a final mix so that similar ids spread over the table.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h | 1;  // never 0 (the empty marker)
}

std::optional<int64_t> IdCache::Find(std::string_view key) const {
  if (slots_.empty()) return std::nullopt;
  const uint64_t h = Hash(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.hash == 0) return std::nullopt;
    if (s.hash == h && std::string_view(arena_).substr(s.offset, s.length) == key) return s.id;
  }
}

void IdCache::Put(std::string_view key, int64_t id) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = Hash(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.hash == 0) {
      s = Slot{h, id, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size())};
      arena_.append(key);
      ++size_;
      return;
    }
    if (s.hash == h && std::string_view(arena_).substr(s.offset, s.length) == key) {
      s.id = id;
      return;
    }
  }
}

void IdCache::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.hash == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void IdCache::Clear() {
  slots_.clear();
  arena_.clear();
  size_ = 0;
}

}  // namespace retain::storage::sqlite
