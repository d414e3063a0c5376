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

void ParallelFor(size_t n, const std::function<void(size_t, size_t)>& body, size_t min_chunk) {
  const size_t chunks =
      std::min(WorkerThreads(), std::max<size_t>(1, n / std::max<size_t>(1, min_chunk)));
  if (chunks <= 1) {
    if (n > 0) body(0, n);
    return;
  }
  std::vector<std::jthread> workers;
  workers.reserve(chunks - 1);
  const size_t step = (n + chunks - 1) / chunks;
  for (size_t c = 1; c < chunks; ++c) {
    const size_t begin = std::min(n, c * step), end = std::min(n, begin + step);
    if (begin < end) workers.emplace_back([&body, begin, end] { body(begin, end); });
  }
  body(0, std::min(n, step));
}

}  // namespace retain::core
