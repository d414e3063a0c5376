// Orders, their lines, returns and products: what the shop sold and took back.
// All amounts are integer minor units of `currency`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "retain/core/date.h"

namespace retain::model {

enum class Channel { kOnline, kStore };
const char* ChannelName(Channel c);  // "online" | "store"

struct Order {
  std::string external_id;           // unique; required
  std::string customer_external_id;  // required
  core::Timestamp ordered_at;        // local time as written, offset when known
  Channel channel = Channel::kOnline;
  std::string store_id;  // set for store orders
  std::string currency = "EUR";
  int64_t total_minor = 0;  // amount paid for the order, after discounts
  std::string status;       // free text from the shop ("paid", "cancelled", ...)
};

struct OrderLine {
  std::string order_external_id;
  int32_t line_no = 0;  // 1-based within the order
  std::string sku, name, category, brand, size;
  int32_t quantity = 1;
  int64_t unit_price_minor = 0;
  int64_t discount_minor = 0;  // discount on the whole line
};

struct Return {
  std::string external_id;           // unique; required
  std::string order_external_id;     // may be empty when the source does not link it
  std::string customer_external_id;  // required (derived from the order when linked)
  core::Timestamp returned_at;
  int64_t amount_minor = 0;  // refunded value, positive
  std::string sku;           // optional: which product came back
  int32_t quantity = 0;
  std::string reason;
};

struct Product {
  std::string sku;  // unique; required
  std::string name, category, brand;
  int64_t price_minor = 0;
};

}  // namespace retain::model
