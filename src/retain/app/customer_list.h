// The customer table of the dashboard: every customer's main figures (those
// `retain segment export` writes, from LoadCustomerTable) with their name and
// e-mail, filtered, sorted and paged, as JSON or as CSV.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retain/analytics/customer_table.h"
#include "retain/analytics/snapshot.h"
#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// First name, last name and e-mail of every snapshot customer, packed into
// one text (a million customers take some 50 MB).
class CustomerDirectory {
 public:
  std::string_view first_name(size_t c) const { return Field(3 * c); }
  std::string_view last_name(size_t c) const { return Field(3 * c + 1); }
  std::string_view email(size_t c) const { return Field(3 * c + 2); }
  size_t customers() const { return ends_.size() / 3; }

  // Appends the next customer's texts (customers in snapshot order).
  void Add(std::string_view first, std::string_view last, std::string_view email);

 private:
  std::string_view Field(size_t k) const {
    const size_t begin = k == 0 ? 0 : ends_[k - 1];
    return std::string_view(text_).substr(begin, ends_[k] - begin);
  }
  std::string text_;
  std::vector<size_t> ends_;  // where each field ends in text_
};

// Reads the names and e-mail of the snapshot's customers from the store
// (matched by external id through `index`; a customer the store no longer
// has gets empty texts). One scan of the customer profiles.
core::Result<CustomerDirectory> LoadCustomerDirectory(
    storage::Store& store, const analytics::Snapshot& snapshot,
    const std::unordered_map<std::string_view, uint32_t>& index);

enum class CustomerSort {
  kCustomerId,
  kName,  // last name, then first name (ASCII letters without regard to case)
  kOrders,
  kRevenue,
  kLastOrder,
  kClv,
  kPAlive,
  kDaysSinceLastOrder,
};

// Parses a sort key ("revenue", "-revenue" for descending): the key and
// whether it is descending. kInvalidArgument listing the keys otherwise.
core::Result<std::pair<CustomerSort, bool>> ParseCustomerSort(std::string_view text);

// The values the `rfm_segment`, `lifecycle` and `risk` filters accept.
const std::vector<std::string>& CustomerFilterValues(std::string_view field);

// The value of a filter as the table spells it (ASCII case is ignored);
// kInvalidArgument "FIELD: ..." listing the values otherwise.
core::Result<std::string> CheckCustomerFilter(std::string_view field, std::string_view value);

struct CustomerListQuery {
  // Search as the plain listing: the external id or e-mail (ASCII case
  // ignored) equal to q, or q (ASCII case ignored) in "first last". "" = any.
  std::string q;
  const std::vector<uint32_t>* members = nullptr;  // a segment's (ascending); nullptr = all
  std::string rfm_segment, lifecycle, risk;        // checked values; "" = any
  CustomerSort sort = CustomerSort::kCustomerId;
  bool descending = false;
};

// Where the rows come from: the snapshot, its customer table
// (LoadCustomerTable) and directory.
struct CustomerListSource {
  const analytics::Snapshot& snapshot;
  const analytics::CustomerTable& table;
  const CustomerDirectory& directory;
};

struct CustomerPage {
  int64_t total = 0;           // customers matching the query
  std::vector<uint32_t> rows;  // snapshot indices of the page, in order
};

// The customers matching every filter of `query`, sorted (values missing
// last in both directions; equal ones by customer_id ascending), from
// position `offset`, at most `limit` of them (limit < 0: all). Sorts only
// as much as the page needs.
core::Result<CustomerPage> ListCustomerPage(const CustomerListSource& source,
                                            const CustomerListQuery& query, int64_t offset,
                                            int64_t limit);

// {"total","offset","limit","next_offset","customers":[{"customer_id",
//  "first_name","last_name","email","city","orders","revenue","last_order",
//  "days_since_last_order","rfm_segment","lifecycle","risk","clv","p_alive"}]}
// with amounts in minor units; missing values are null.
core::Result<std::string> CustomerPageJson(const CustomerListSource& source,
                                           const CustomerPage& page, int64_t offset, int64_t limit);

// The same columns as CSV (UTF-8, ',' between fields, LF line ends, a
// header line), amounts in currency units with a point ("1234.50"), missing
// values empty; names, e-mail and city starting with = + - @ get a ' in
// front so that a spreadsheet does not run them.
core::Result<std::string> CustomerCsv(const CustomerListSource& source,
                                      const std::vector<uint32_t>& rows);

}  // namespace retain::app
