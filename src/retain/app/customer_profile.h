// The `customer` use case: everything retain knows about one customer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "retain/analytics/kpi.h"
#include "retain/analytics/lifecycle.h"
#include "retain/app/analytics_session.h"
#include "retain/app/rfm_report.h"
#include "retain/core/json_out.h"
#include "retain/storage/loyalty_records.h"
#include "retain/storage/store.h"

namespace retain::app {

struct CustomerProfileRequest {
  std::string customer_id;         // external id
  std::optional<core::Day> as_of;  // default: the day of the latest order in the shop
  int existing_min_orders = 2;
  // The base context may be older than the data (a view being rebuilt):
  // the default as_of then moves up to the customer's own latest order, so
  // that every order the profile lists is counted in it.
  bool base_may_be_stale = false;
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
  // What the customer told the shop, oldest first: answers, conversations,
  // and the follow-up tasks about them.
  std::vector<storage::FeedbackRecord> feedback;
  std::vector<storage::ConversationRecord> conversations;
  std::vector<storage::TaskRecord> tasks;
  // The churn-risk band: the forecast's, one step higher after a complaint
  // within ListeningSettings::complaint_risk_days ("" without either).
  std::string risk;
  bool risk_raised_by_complaint = false;
  // The Kunden-Club membership (nullopt: not a member).
  std::optional<storage::LoyaltyMemberRecord> loyalty_member;
};

// What a profile needs from the whole customer base as of one day (RFM is
// relative to everybody): computed once, then shared by many profiles.
// Holds views into the snapshot, which must outlive it.
struct CustomerBaseContext {
  core::Day as_of = 0;
  std::optional<double> median_gap_days;  // population's inter-purchase gap
  RfmResult rfm;
  std::unordered_map<std::string_view, uint32_t> index;  // external id -> snapshot index
};

// as_of defaults to the day of the latest order (0 without orders).
core::Result<CustomerBaseContext> BuildCustomerBaseContext(const analytics::Snapshot& snapshot,
                                                           std::optional<core::Day> as_of);

// Loads the profile as of base.as_of (request.as_of is not consulted);
// kNotFound when there is no such customer. Thread-safe for distinct stores.
core::Result<CustomerProfile> LoadCustomerProfile(storage::Store& store,
                                                  const CustomerBaseContext& base,
                                                  const CustomerProfileRequest& request);

// Loads the profile as of request.as_of; kNotFound when there is no such customer.
core::Result<CustomerProfile> LoadCustomerProfile(AnalyticsSession& session,
                                                  const CustomerProfileRequest& request);

// Writes a customer's master data as one JSON object ("profile" of
// CustomerProfileJson) with the age on `age_on` (null without it or without
// a birth date).
void WriteCustomerJson(core::JsonOut& out, const model::Customer& c,
                       std::optional<core::Day> age_on);
// The same object as JSON text.
std::string CustomerJson(const model::Customer& c, std::optional<core::Day> age_on);

// The profile as compact JSON text (amounts in minor units).
std::string CustomerProfileJson(const CustomerProfile& p);

// Age in whole years on `day`.
int AgeOn(core::Day birth, core::Day day);

}  // namespace retain::app
