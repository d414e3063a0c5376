#include "retain/app/analytics_session.h"

#include "retain/app/snapshot_loader.h"
#include "retain/storage/open_store.h"

namespace retain::app {

core::Result<AnalyticsSession> OpenAnalytics(const std::string& location) {
  AnalyticsSession s;
  auto store = storage::OpenStore(location, storage::OpenMode::kMustExist, &s.database_path);
  if (!store) return core::Err(store.error());
  s.store = std::move(*store);
  auto snap = LoadSnapshot(*s.store, {SnapshotCachePath(s.database_path)});
  if (!snap) return core::Err(snap.error());
  s.snapshot = std::move(*snap);
  return s;
}

}  // namespace retain::app
