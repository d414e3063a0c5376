// The `rfm` use case: scores every customer and summarises the named segments.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "retain/analytics/rfm.h"

namespace retain::app {

struct RfmRequest {
  std::optional<core::Day> as_of;  // default: the day of the latest order
  std::string segment_map_path;    // optional CSV: name,r_min,r_max,f_min,f_max
};

struct RfmResult {
  analytics::RfmOptions options;
  analytics::RfmReport report;
};

// Loads the segment map if given (kInvalidArgument naming the line), then scores.
core::Result<RfmResult> RunRfm(const analytics::Snapshot& snapshot, const RfmRequest& request);

// The scores of one customer, or nullptr if they have no order up to as_of.
const analytics::RfmCustomer* FindRfmCustomer(const RfmResult& r, size_t customer_index);

// {"as_of", "customers", "unsegmented", "segments":[{name, customers,
// revenue_share, ...}], "grid", "amounts"}.
nlohmann::ordered_json RfmJson(const RfmResult& r);
// The R x F grid: 25 cells {"r","f","customers","revenue","segment"}, by r
// then f ascending; revenue is the monetary total (minor units) of the
// cell's customers, segment the first rule of the map covering the cell
// (null when none does).
nlohmann::ordered_json RfmGridJson(const RfmResult& r);
// One customer's scores as JSON.
nlohmann::ordered_json RfmCustomerJson(const RfmResult& r, const analytics::RfmCustomer& c,
                                       const std::string& external_id);

// German display name of a default segment (the English name otherwise).
const char* SegmentNameDe(const std::string& name);

}  // namespace retain::app
