#include "retain/api/metrics.h"

#include <fmt/format.h>

namespace retain::api {
namespace {

// Escapes a label value (backslash, quote, newline).
std::string Label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::Record(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  auto counted = requests_.find(std::tuple(method, route, status));
  if (counted == requests_.end()) {
    counted =
        requests_.emplace(std::tuple(std::string(method), std::string(route), status), 0).first;
  }
  ++counted->second;
  auto timed = latency_.find(std::tuple(method, route));
  if (timed == latency_.end()) {
    timed = latency_.emplace(std::tuple(std::string(method), std::string(route)), Latency{}).first;
  }
  auto& l = timed->second;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++l.buckets[i];
  }
  ++l.count;
  l.sum += seconds;
}

std::string Metrics::Render(const std::map<std::string, double>& gauges) const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP retain_http_requests_total Requests answered, by route and status.\n";
  out += "# TYPE retain_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    out +=
        fmt::format("retain_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    std::get<0>(k), Label(std::get<1>(k)), std::get<2>(k), n);
  }
  out += "# HELP retain_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE retain_http_request_duration_seconds histogram\n";
  for (const auto& [k, l] : latency_) {
    const std::string labels =
        fmt::format("method=\"{}\",route=\"{}\"", std::get<0>(k), Label(std::get<1>(k)));
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("retain_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], l.buckets[i]);
    }
    out += fmt::format("retain_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       l.count);
    out += fmt::format("retain_http_request_duration_seconds_sum{{{}}} {}\n", labels, l.sum);
    out += fmt::format("retain_http_request_duration_seconds_count{{{}}} {}\n", labels, l.count);
  }
  for (const auto& [name, value] : gauges) {
    out += fmt::format("# TYPE {} gauge\n{} {}\n", name, name, value);
  }
  return out;
}

}  // namespace retain::api
