// AnswerCache: answers that are slow to compute (a model fit, every
// customer's name) kept in memory for the data they were computed from.
//
// A key names the database (its id), its data version and the request, so
// an answer is never served for other data; a few of the latest are kept.
// One cache per kind of answer lives for the process (AnswerCacheFor).
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace retain::api {

template <class T>
class AnswerCache {
 public:
  explicit AnswerCache(size_t capacity) : capacity_(capacity) {}

  // The answer kept under `key`, or nullptr. Thread-safe.
  std::shared_ptr<const T> Find(const std::string& key) {
    std::lock_guard lock(mu_);
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return nullptr;
  }

  // Keeps `value` under `key` (replacing an earlier one), forgetting the
  // oldest answer beyond the capacity. Thread-safe.
  void Put(const std::string& key, std::shared_ptr<const T> value) {
    std::lock_guard lock(mu_);
    std::erase_if(entries_, [&](const auto& e) { return e.first == key; });
    entries_.emplace_back(key, std::move(value));
    while (entries_.size() > capacity_) entries_.pop_front();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::deque<std::pair<std::string, std::shared_ptr<const T>>> entries_;
};

// The process's cache for answers of type T (holding `capacity` of them,
// fixed by the first call).
template <class T>
AnswerCache<T>& AnswerCacheFor(size_t capacity) {
  static AnswerCache<T> cache(capacity);
  return cache;
}

}  // namespace retain::api
