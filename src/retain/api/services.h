// Services: what the handlers share across requests.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "retain/app/analytics_view.h"
#include "retain/app/contact_plan.h"
#include "retain/app/import_jobs.h"
#include "retain/app/loyalty_club.h"
#include "retain/app/message_config.h"
#include "retain/app/write_batcher.h"
#include "retain/storage/store.h"

namespace retain::api {

// A pool of read connections to one database, one per concurrent request.
class StorePool {
 public:
  explicit StorePool(std::string location) : location_(std::move(location)) {}

  // A store for the calling request; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<storage::Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease();
    storage::Store& operator*() const { return *store_; }
    storage::Store* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<storage::Store> store_;
  };

  // Takes an idle store or opens a new one (the database must exist).
  core::Result<Lease> Acquire();
  size_t open() const;    // connections opened
  size_t in_use() const;  // connections lent out now

 private:
  friend class Lease;
  std::string location_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<storage::Store>> idle_;
  size_t open_ = 0;
};

// Rebuilds the analytics view on a thread of its own, one rebuild at a
// time, so that a request that found it stale need not wait (or hold up a
// network thread) for it. The destructor waits for a rebuild under way.
class ViewRefresher {
 public:
  ViewRefresher(StorePool& stores, app::AnalyticsViews& views) : stores_(stores), views_(views) {}
  ~ViewRefresher();
  // Starts a rebuild unless one runs. Failures are left to the next caller
  // of AnalyticsViews::Current, which builds (and reports) itself.
  void Start();

 private:
  StorePool& stores_;
  app::AnalyticsViews& views_;
  std::mutex mu_;
  bool running_ = false;
  std::thread thread_;
};

struct Services {
  std::string location;  // the database, as given to --db
  std::string backend;   // "sqlite" | "postgresql"
  StorePool stores;
  app::AnalyticsViews views;
  app::WriteBatcher writes;
  size_t max_page = 500;                      // largest page size for listings
  size_t max_import_bytes = size_t{1} << 30;  // largest upload to POST /api/v1/imports
  // The Kunden-Club's use cases with the configured program.
  std::shared_ptr<const app::LoyaltyClub> loyalty;
  // The contact calendar's settings.
  std::shared_ptr<const app::PlanSettings> contact;
  std::string public_url;        // for survey links; "" = the request's own address
  int feedback_valid_days = 30;  // of survey links made here
  // Sending from the server ([contact.shop], [contact.smtp],
  // [contact.messages]); its work_list_dir resolved (never empty).
  std::shared_ptr<const app::MessageConfig> messages;
  // Where the dashboard's files are read from at each request (a web/ folder
  // of the source tree, for working on them); "" = the files built in.
  std::string web_dir;
  // Background imports through `writes` (declared after it: stopped first).
  std::unique_ptr<app::ImportJobs> imports;
  ViewRefresher refresher{stores, views};  // declared last: stopped first
};

}  // namespace retain::api
