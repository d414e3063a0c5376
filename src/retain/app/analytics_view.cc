#include "retain/app/analytics_view.h"

#include "retain/app/snapshot_loader.h"

namespace retain::app {

core::Result<std::shared_ptr<const AnalyticsView>> AnalyticsViews::Current(storage::Store& store,
                                                                           bool allow_stale) {
  auto version = store.DataVersion();
  if (!version) return core::Err(version.error());
  {
    std::lock_guard lock(mu_);
    if (view_ && view_->data_version >= *version) return view_;
    if (allow_stale && view_ && rebuilding_) return view_;
  }
  std::lock_guard build(build_mu_);
  {
    std::lock_guard lock(mu_);
    if (view_ && view_->data_version >= *version) return view_;
    rebuilding_ = true;
  }
  auto view = std::make_shared<AnalyticsView>();
  // Read the version before the snapshot: a write in between only makes the
  // view look older than it is, never newer.
  auto built_version = store.DataVersion();
  auto snap = built_version ? LoadSnapshot(store, {cache_path_})
                            : core::Result<analytics::Snapshot>(core::Err(built_version.error()));
  core::Result<CustomerBaseContext> base = core::Err(core::Internal("not built"));
  if (snap) {
    view->data_version = *built_version;
    view->snapshot = std::move(*snap);
    base = BuildCustomerBaseContext(view->snapshot, std::nullopt);
  }
  std::lock_guard lock(mu_);
  rebuilding_ = false;
  if (!snap) return core::Err(snap.error());
  if (!base) return core::Err(base.error());
  view->customers = std::move(*base);
  view_ = std::move(view);
  has_view_.store(true, std::memory_order_release);
  return view_;
}

core::Result<AnalyticsViews::Latest> AnalyticsViews::Peek(storage::Store& store) {
  auto version = store.DataVersion();
  if (!version) return core::Err(version.error());
  std::lock_guard lock(mu_);
  return Latest{view_, !view_ || view_->data_version < *version};
}

}  // namespace retain::app
