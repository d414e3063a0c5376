// The Kunden-Club's activity by month: what the ledger issued, granted as
// bonuses, turned into vouchers, gave back for cancelled vouchers, let
// expire and took back for returns, and how many members joined.
//
//   auto months = ParseMonthRange("2026-01", "2026-06");     // kInvalidArgument naming the field
//   auto activity = LoyaltyActivity(store, program, *months);
//   auto json = LoyaltyActivityJson(*activity);
//
// Every ledger entry whose day falls in the range lands in exactly one
// column, by its kind, with its (positive) points: earn -> issued, bonus ->
// bonus, redeem -> redeemed, restore -> restored, expire -> expired,
// reverse -> returned. So the columns summed over the months equal the
// points of the period's entries, and redeemed - restored is what vouchers
// cost net.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/core/status.h"
#include "retain/loyalty/program.h"
#include "retain/storage/store.h"

namespace retain::app {

// Months as core::MonthIndex counts them (year * 12 + month - 1), both inclusive.
struct MonthRange {
  int first = 0, last = 0;
};

// The longest range one request may ask for.
inline constexpr int kMaxActivityMonths = 120;

// "YYYY-MM" as a month index; kInvalidArgument "<field>: ..." otherwise.
core::Result<int> ParseMonth(std::string_view text, std::string_view field);

// The range from `from` to `to` ("YYYY-MM" each, or nullopt): by default the
// 12 months ending with the month of `today` (or ending with `to`, or
// starting with `from`). kInvalidArgument naming the field ("from", "to")
// for a malformed month, from after to, or more than kMaxActivityMonths.
core::Result<MonthRange> ResolveMonthRange(const std::optional<std::string>& from,
                                           const std::optional<std::string>& to, core::Day today);

// One month's movements in points (all >= 0) and the members who joined.
struct LoyaltyMonth {
  int month = 0;  // month index
  int64_t issued = 0, bonus = 0, redeemed = 0, restored = 0, expired = 0, returned = 0;
  int64_t new_members = 0;
};

struct LoyaltyActivityReport {
  std::string currency;
  MonthRange range;
  std::vector<LoyaltyMonth> months;  // every month of the range, in order
};

// Reads every member and ledger entry once (one read of the store).
core::Result<LoyaltyActivityReport> LoyaltyActivity(storage::Store& store,
                                                    const loyalty::LoyaltyProgram& program,
                                                    const MonthRange& range);

// {"currency","from","to","months":[{"month":"2026-01","issued","bonus","redeemed",
//  "restored","expired","returned","new_members"}],"totals":{...the same without month}}
nlohmann::ordered_json LoyaltyActivityJson(const LoyaltyActivityReport& report);

}  // namespace retain::app
