// Loading the analytics Snapshot: from a cache file beside the database when
// it is current, otherwise from one pass over the store (then cached).
//
// The cache file "<database>.snapshot" records the database id and data
// version it was built from; any committed change makes it stale and the next
// load rebuilds it. Deleting it is always safe.
#pragma once

#include <string>

#include "retain/analytics/snapshot.h"
#include "retain/storage/store.h"

namespace retain::app {

struct SnapshotLoadOptions {
  // Path of the cache file; empty = no caching.
  std::string cache_path;
};

// Returns the current snapshot of `store`.
core::Result<analytics::Snapshot> LoadSnapshot(storage::Store& store,
                                               const SnapshotLoadOptions& options);

// The cache path used for a SQLite database file; "" (no cache) for "".
std::string SnapshotCachePath(const std::string& database_path);

}  // namespace retain::app
