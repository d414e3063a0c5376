#include "retain/core/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

namespace retain::core {

size_t WorkerThreads() {
  static const size_t threads = [] {
    if (const char* env = std::getenv("RETAIN_THREADS")) {
      const long n = std::strtol(env, nullptr, 10);
      if (n > 0) return static_cast<size_t>(n);
    }
    return std::max<size_t>(1, std::thread::hardware_concurrency());
  }();
  return threads;
}

Slices SliceRange(size_t n, size_t min_chunk) {
  if (n == 0) return {};
  const size_t threads =
      std::min(WorkerThreads(), std::max<size_t>(1, n / std::max<size_t>(1, min_chunk)));
  const size_t step = (n + threads - 1) / threads;
  return {(n + step - 1) / step, step};
}

void ParallelForSlices(size_t n, const std::function<void(size_t, size_t, size_t)>& body,
                       size_t min_chunk) {
  const Slices slices = SliceRange(n, min_chunk);
  std::vector<std::jthread> workers;
  for (size_t k = 1; k < slices.count; ++k) {
    const size_t begin = k * slices.step, end = std::min(n, begin + slices.step);
    workers.emplace_back([&body, k, begin, end] { body(k, begin, end); });
  }
  if (slices.count > 0) body(0, 0, std::min(n, slices.step));
}

void ParallelFor(size_t n, const std::function<void(size_t, size_t)>& body, size_t min_chunk) {
  ParallelForSlices(
      n, [&](size_t, size_t begin, size_t end) { body(begin, end); }, min_chunk);
}

}  // namespace retain::core
