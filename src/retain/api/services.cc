#include "retain/api/services.h"

#include "retain/storage/open_store.h"

namespace retain::api {

StorePool::Lease::~Lease() {
  if (!pool_ || !store_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->idle_.push_back(std::move(store_));
}

core::Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  auto s = storage::OpenStore(location_, storage::OpenMode::kMustExist);
  if (!s) return core::Err(s.error());
  std::lock_guard lock(mu_);
  ++open_;
  return Lease(this, std::move(*s));
}

size_t StorePool::open() const {
  std::lock_guard lock(mu_);
  return open_;
}

size_t StorePool::in_use() const {
  std::lock_guard lock(mu_);
  return open_ - idle_.size();
}

ViewRefresher::~ViewRefresher() {
  std::thread running;
  {
    std::lock_guard lock(mu_);  // the thread takes it last thing: not held while joining
    running = std::move(thread_);
  }
  if (running.joinable()) running.join();
}

void ViewRefresher::Start() {
  std::lock_guard lock(mu_);
  if (running_) return;
  if (thread_.joinable()) thread_.join();  // the last one has finished
  running_ = true;
  thread_ = std::thread([this] {
    if (auto lease = stores_.Acquire()) (void)views_.Current(**lease);
    std::lock_guard done(mu_);
    running_ = false;
  });
}

}  // namespace retain::api
