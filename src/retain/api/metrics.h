// Metrics: request counts and latencies, in the Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace retain::api {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram's buckets.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};

  // Counts one answered request. `route` is the route's pattern (not the
  // path, so ids do not make new series), or "unmatched"; `method` one of a
  // known few (the caller's duty, for the same reason). Thread-safe.
  void Record(std::string_view method, std::string_view route, int status, double seconds);

  // Everything recorded, plus the given gauges, as Prometheus text (version 0.0.4).
  std::string Render(const std::map<std::string, double>& gauges) const;

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  // std::less<>: a request is counted without copying its method and route.
  std::map<std::tuple<std::string, std::string, int>, uint64_t, std::less<>> requests_;
  std::map<std::tuple<std::string, std::string>, Latency, std::less<>> latency_;
};

}  // namespace retain::api
