// The figures of every customer that segment rules can use, computed from
// the snapshot as of a day (later orders and returns are ignored):
//   country, postal_code, city, gender, language, customer_type,
//   consent_email, consent_sms, consent_phone, consent_letter, age (profile;
//   has_tag, attribute and birthday_within read the profiles too),
//   orders, revenue, average_order_value, first_order, last_order,
//   days_since_last_order, returns, returned, return_rate,
//   rfm_r, rfm_f, rfm_m, rfm_segment, lifecycle.
// Amounts are in currency units (the snapshot holds minor units).
#pragma once

#include <vector>

#include "retain/analytics/customer_table.h"
#include "retain/analytics/rfm.h"
#include "retain/analytics/snapshot.h"

namespace retain::analytics {

// A table with the columns above for every snapshot customer; `today` in a
// rule is as_of. RFM uses `segment_map`; the lifecycle stage uses the
// population's median purchase gap as the default gap (as `retain customer`).
CustomerTable BuildCustomerTable(const Snapshot& s, core::Day as_of,
                                 const std::vector<RfmSegmentRule>& segment_map);

}  // namespace retain::analytics
