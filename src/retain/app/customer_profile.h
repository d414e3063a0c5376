// The `customer` use case: everything retain knows about one customer.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "retain/analytics/kpi.h"
#include "retain/analytics/lifecycle.h"
#include "retain/app/analytics_session.h"
#include "retain/app/rfm_report.h"
#include "retain/storage/store.h"

namespace retain::app {

struct CustomerProfileRequest {
  std::string customer_id;         // external id
  std::optional<core::Day> as_of;  // default: the day of the latest order in the shop
  int existing_min_orders = 2;
};

struct CustomerProfile {
  model::Customer customer;
  core::Day as_of = 0;
  int existing_min_orders = 2;
  analytics::CustomerTenure tenure = analytics::CustomerTenure::kProspect;
  std::optional<analytics::LifecycleStage> stage;  // nullopt without orders
  std::optional<double> own_gap_days;  // mean days between purchases (>= 2 purchase days)
  double expected_gap_days = 0;        // the gap the stage was judged against
  std::optional<int> days_since_last_order;
  int64_t orders = 0, revenue = 0, returned = 0;    // up to as_of; minor units
  std::vector<storage::OrderRecord> order_history;  // oldest first
  std::vector<model::Return> returns;
  std::optional<analytics::RfmCustomer> rfm;
  std::string rfm_segment;
  // The stored lifetime-value forecast (`retain clv score`) and its run.
  std::optional<storage::ClvScoreRecord> clv;
  std::optional<storage::ClvScoreRun> clv_run;
};

// Loads the profile; kNotFound when there is no such customer.
core::Result<CustomerProfile> LoadCustomerProfile(AnalyticsSession& session,
                                                  const CustomerProfileRequest& request);

// The profile as JSON (amounts in minor units).
nlohmann::ordered_json CustomerProfileJson(const CustomerProfile& p);

// Age in whole years on `day`.
int AgeOn(core::Day birth, core::Day day);

}  // namespace retain::app
