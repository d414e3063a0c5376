// AnalyticsViews: the server's shared, current view of the data for reports.
//
// A view is the snapshot plus what every customer profile needs from the
// whole base (RFM, median gap, id index), for one data version. Requests on
// many threads share one immutable view; when the data changes, the next
// caller that needs fresh data rebuilds it (one rebuild at a time).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "retain/analytics/snapshot.h"
#include "retain/app/customer_profile.h"
#include "retain/storage/store.h"

namespace retain::app {

struct AnalyticsView {
  int64_t data_version = 0;
  analytics::Snapshot snapshot;
  CustomerBaseContext customers;  // as of the latest order day
};

class AnalyticsViews {
 public:
  // `cache_path`: the snapshot cache file (see snapshot_loader.h); "" = none.
  explicit AnalyticsViews(std::string cache_path) : cache_path_(std::move(cache_path)) {}

  // The view of the store's current data. With `allow_stale`, a view built
  // before the latest writes is returned at once while another thread
  // rebuilds. Thread-safe; `store` must be the caller's own.
  core::Result<std::shared_ptr<const AnalyticsView>> Current(storage::Store& store,
                                                             bool allow_stale = false);

  // The latest view without building one: nullptr before the first build;
  // `stale` tells whether the store's data is newer than it (so that the
  // caller can have Current() run elsewhere). Thread-safe; quick.
  struct Latest {
    std::shared_ptr<const AnalyticsView> view;
    bool stale = false;
  };
  core::Result<Latest> Peek(storage::Store& store);
  // Whether a view was built (any version). Thread-safe; lock-free.
  bool HasView() const { return has_view_.load(std::memory_order_acquire); }

 private:
  std::string cache_path_;
  std::mutex mu_;        // guards view_ and rebuilding_
  std::mutex build_mu_;  // one rebuild at a time
  std::shared_ptr<const AnalyticsView> view_;
  bool rebuilding_ = false;
  std::atomic<bool> has_view_{false};
};

}  // namespace retain::app
