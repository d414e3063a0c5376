// ParallelFor: splits an index range over the machine's cores.
//
//   ParallelFor(n, [&](size_t begin, size_t end) {
//     for (size_t i = begin; i < end; ++i) out[i] = Work(in[i]);
//   });
//
// The body runs on contiguous chunks, at most one per thread, and must not
// throw; it returns when every chunk is done. Small ranges (below
// `min_chunk` per thread) run on the calling thread alone.
#pragma once

#include <cstddef>
#include <functional>

namespace retain::core {

// Threads ParallelFor uses: RETAIN_THREADS if set to a positive number, else
// the number of hardware threads (at least 1).
size_t WorkerThreads();

void ParallelFor(size_t n, const std::function<void(size_t begin, size_t end)>& body,
                 size_t min_chunk = 1024);

// How ParallelFor cuts [0, n): `count` non-empty slices, slice k being
// [k * step, min(n, (k + 1) * step)). Fixed for given n, min_chunk and threads.
struct Slices {
  size_t count = 0, step = 0;
};
Slices SliceRange(size_t n, size_t min_chunk = 1024);

// ParallelFor that also tells the body its slice number k < SliceRange(n,
// min_chunk).count, so per-slice results can be kept in a vector of that size
// and combined in slice order (deterministic, no locks).
void ParallelForSlices(size_t n,
                       const std::function<void(size_t slice, size_t begin, size_t end)>& body,
                       size_t min_chunk = 1024);

}  // namespace retain::core
