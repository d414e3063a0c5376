// Opening the data for a report: the store plus its current snapshot.
#pragma once

#include <memory>
#include <string>

#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

namespace retain::app {

struct AnalyticsSession {
  std::unique_ptr<storage::Store> store;
  std::string database_path;
  analytics::Snapshot snapshot;
};

// Opens an existing database at `location` and loads its snapshot (through
// the cache file beside it). kNotFound when there is no database.
core::Result<AnalyticsSession> OpenAnalytics(const std::string& location);

}  // namespace retain::app
