// Bringing existing card holders into the Kunden-Club: customers the shop
// already knew (a tag such as "kundenkarte", or everybody) become members
// with the history they would have had, so a shop that adopts the club (and
// the demo) starts with members, tiers and points.
//
//   auto report = BackfillMembers(store, club, {.tag = "kundenkarte", .since = d}, now, progress);
//
// Each selected customer who is not a member yet joins on the day of their
// first order on or after `since` (or on `since` when there is none); then
// every order of theirs from `since` on is credited as a purchase (keyed by
// its order id) and every return of those orders as a return (keyed by its
// return id), in the order they happened, through LoyaltyClub's own
// Purchase and Return: tiers, bonuses and promotions apply as if the till
// had sent them. Members are left as they are, so running it twice changes
// nothing; the daily jobs (`recalc`, `expire`) then work on them as on
// anybody.
#pragma once

#include <cstdint>
#include <string>

#include "retain/app/loyalty_club.h"

namespace retain::app {

struct BackfillRequest {
  std::string tag;   // customers with this tag (any case); "" only together with `all`
  bool all = false;  // every customer instead
  core::Day since = 0;
};

struct BackfillReport {
  int64_t customers = 0;        // selected (with the tag, or all)
  int64_t already_members = 0;  // members before: left alone
  int64_t enrolled = 0;
  int64_t purchases = 0;          // orders credited
  int64_t purchases_skipped = 0;  // order ids the club had recorded before, or cancelled orders
  int64_t returns = 0;            // returns credited
  int64_t returns_skipped = 0;    // recorded before, or beyond what was left of their order
  int64_t points_issued = 0;      // by the purchases credited
  int64_t points_returned = 0;    // taken back by the returns credited
};

// Customers per write transaction: a stopped run keeps the chunks it
// committed, and the next run goes on with the rest.
inline constexpr size_t kBackfillCustomersPerTransaction = 500;

// Runs the backfill in write transactions of its own (the store must have
// none open). `progress(done, total)` counts customers. kInvalidArgument
// without a tag and without `all`; storage errors and broken ledgers
// (kIo, kInternal) stop it, keeping the chunks committed before.
core::Result<BackfillReport> BackfillMembers(storage::Store& store, const LoyaltyClub& club,
                                             const BackfillRequest& request, const std::string& now,
                                             const LoyaltyClub::Progress& progress = {});

// {"customers","already_members","enrolled","purchases","purchases_skipped",
//  "returns","returns_skipped","points_issued","points_returned"}
nlohmann::ordered_json BackfillReportJson(const BackfillReport& report);

}  // namespace retain::app
