// Snapshot: the columnar picture of the customer base that all analytics read.
//
// Customers are numbered 0..n-1 (the "customer index"). Their orders and
// returns are stored column-wise in arrays sorted by customer index, then day;
// offsets give each customer's slice. Building it is one pass over the store;
// reading a cached copy is one sequential file read.
//
//   for (size_t c = 0; c < s.customers(); ++c)
//     for (int64_t k = s.order_offsets[c]; k < s.order_offsets[c + 1]; ++k)
//       Use(s.order_day[k], s.order_amount[k]);
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "retain/analytics/text_column.h"
#include "retain/core/date.h"
#include "retain/model/customer.h"

namespace retain::analytics {

// What the shop knows about each customer (customer index order), for
// segment rules. Consents are "granted", "denied" or "" (unknown); kind is
// "b2c" or "b2b". An attribute is stored as key + kAttributeSeparator + value.
struct CustomerProfiles {
  static constexpr char kAttributeSeparator = '\x1f';
  static constexpr core::Day kNoBirthDay = INT32_MIN;

  TextColumn country, postal_code, city, gender, language, kind;
  TextColumn consent_email, consent_sms, consent_phone, consent_letter;
  std::vector<core::Day> birth_day;  // kNoBirthDay when unknown
  TextLists tags, attributes;
  // How the customer can be reached: kReach* bits (an email address, a
  // phone number, a postal address with street, postal code and city).
  static constexpr uint8_t kReachEmail = 1, kReachPhone = 2, kReachPost = 4;
  std::vector<uint8_t> reach;

  // The text columns with their names, for saving and loading.
  std::vector<std::pair<const char*, TextColumn*>> TextColumns();
};

struct Snapshot {
  std::vector<std::string> customer_ids;  // external id of each customer index
  CustomerProfiles profiles;              // one entry per customer

  std::vector<int64_t> order_offsets{0};  // size customers()+1
  std::vector<core::Day> order_day;       // ascending within a customer
  std::vector<int64_t> order_amount;      // minor units, after discounts
  std::vector<uint8_t> order_channel;     // 0 = online, 1 = store

  std::vector<int64_t> return_offsets{0};  // size customers()+1
  std::vector<core::Day> return_day;
  std::vector<int64_t> return_amount;    // minor units, positive
  std::vector<uint32_t> return_product;  // index into products; 0 = not named

  // Order lines (items), per customer, by day then order.
  std::vector<int64_t> item_offsets{0};  // size customers()+1
  std::vector<core::Day> item_day;
  std::vector<uint32_t> item_basket;    // one number per order (its lines share it)
  std::vector<uint32_t> item_product;   // index into products; 0 = no sku
  std::vector<uint32_t> item_category;  // index into categories; 0 = none
  std::vector<int32_t> item_quantity;
  std::vector<std::string> products{""};    // SKUs
  std::vector<std::string> categories{""};  // category names

  size_t customers() const { return customer_ids.size(); }
  int64_t orders() const { return static_cast<int64_t>(order_day.size()); }
  // Number of orders of customer c.
  int64_t OrderCount(size_t c) const { return order_offsets[c + 1] - order_offsets[c]; }
  // Earliest and latest order day over everybody; {0, -1} when there are no orders.
  core::Day FirstOrderDay() const;
  core::Day LastOrderDay() const;
};

// Fills a Snapshot from scans that arrive in ascending internal-id order
// (customers first, then orders, then returns), as Store scans do.
class SnapshotBuilder {
 public:
  // Customers must come in ascending internal id; without a profile the
  // profile fields are empty.
  void AddCustomer(int64_t internal_id, const std::string& external_id);
  void AddCustomer(int64_t internal_id, const model::Customer& customer);
  // Orders must come sorted by internal id, then day. Unknown ids are ignored.
  void AddOrder(int64_t internal_id, core::Day day, int64_t amount_minor, uint8_t channel);
  void AddReturn(int64_t internal_id, core::Day day, int64_t amount_minor,
                 std::string_view sku = "");
  // Order lines may come in any order; lines of one order share order_id.
  void AddLine(int64_t internal_id, int64_t order_id, core::Day day, std::string_view sku,
               std::string_view category, int32_t quantity);
  // Completes the offsets and hands over the snapshot.
  Snapshot Finish();

 private:
  // Index of internal_id, advancing `cursor` (both scans are sorted); -1 if absent.
  int64_t IndexOf(int64_t internal_id, size_t& cursor) const;
  Snapshot s_;
  std::vector<int64_t> internal_ids_;
  size_t order_cursor_ = 0, return_cursor_ = 0;
  std::vector<int64_t> order_counts_, return_counts_;
  // Profile columns under construction, in CustomerProfiles::TextColumns() order.
  std::vector<TextColumnBuilder> texts_;
  TextColumnBuilder tags_, attributes_;
  TextColumnBuilder products_, categories_;
  struct PendingLine {
    uint32_t customer, product, category;
    int32_t quantity;
    core::Day day;
    int64_t order_id;
  };
  std::vector<PendingLine> lines_;
  size_t line_cursor_ = 0;
  void FinishLines();
};

}  // namespace retain::analytics
