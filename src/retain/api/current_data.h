// The data a report route works on: the caller's store and the server's
// current analytics view (and, for rules, the customer table built from it).
#pragma once

#include <expected>
#include <memory>

#include "retain/analytics/customer_table.h"
#include "retain/api/call.h"

namespace retain::api {

struct CurrentData {
  storage::Store* store = nullptr;
  std::shared_ptr<const app::AnalyticsView> view;
};

// The view of the store's current data, or the reply to send instead.
std::expected<CurrentData, Reply> LoadCurrentData(Call& call);

struct CurrentTable : CurrentData {
  analytics::CustomerTable table;  // as of the latest order day
};

// The same plus every customer's figures for segment rules.
std::expected<CurrentTable, Reply> LoadCurrentTable(Call& call);

}  // namespace retain::api
