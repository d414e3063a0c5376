// Distinct values of a column (doubles, or any hashable key), and each
// element's position among them: how the prepared likelihoods and the scoring
// compute a term once per distinct x, time or (x, T) instead of once per
// record.
//
//   const DistinctIndex xs = IndexDistinct(rows.size(), [&](size_t i) { return rows[i].x; });
//   // xs.values[xs.index[i]] == rows[i].x
//
// Hashing in parallel slices, so it costs a few hash lookups per element
// rather than a sort of the whole column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "retain/core/parallel.h"

namespace retain::analytics {

template <class Key = double>
struct DistinctIndex {
  std::vector<Key> values;      // distinct values, in order of first appearance
  std::vector<uint32_t> index;  // per element: its value's position in `values`
};

// Indexes the n values value(0), ..., value(n - 1) (no NaN; value must be
// thread-safe). Deterministic: the same values give the same result whatever
// the number of threads.
template <class Key = double, class Hash = std::hash<Key>, class Value>
DistinctIndex<Key> IndexDistinct(size_t n, const Value& value) {
  constexpr size_t kMinSlice = 1 << 16;
  using Ids = std::unordered_map<Key, uint32_t, Hash>;
  DistinctIndex<Key> out;
  out.index.resize(n);
  // Per slice: its distinct values in order of appearance, and each element's
  // position among them (written to out.index, remapped below).
  std::vector<std::vector<Key>> local(core::SliceRange(n, kMinSlice).count);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        Ids ids;
        std::vector<Key>& seen = local[slice];
        Key last{};
        uint32_t last_id = UINT32_MAX;
        for (size_t i = begin; i < end; ++i) {
          const Key v = value(i);
          if (last_id == UINT32_MAX || v != last) {
            auto [it, added] = ids.try_emplace(v, static_cast<uint32_t>(seen.size()));
            if (added) seen.push_back(v);
            last = v;
            last_id = it->second;
          }
          out.index[i] = last_id;
        }
      },
      kMinSlice);
  // Global positions in order of first appearance over the slices in order.
  Ids global;
  std::vector<std::vector<uint32_t>> remap(local.size());
  for (size_t s = 0; s < local.size(); ++s) {
    for (const Key& v : local[s]) {
      auto [it, added] = global.try_emplace(v, static_cast<uint32_t>(out.values.size()));
      if (added) out.values.push_back(v);
      remap[s].push_back(it->second);
    }
  }
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        const std::vector<uint32_t>& to = remap[slice];
        for (size_t i = begin; i < end; ++i) out.index[i] = to[out.index[i]];
      },
      kMinSlice);
  return out;
}

}  // namespace retain::analytics
