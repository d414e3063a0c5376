// RecordSink: where parsed records go. The ingest layer parses and validates;
// the application layer implements the sink on top of a Store. Keeping the two
// apart lets presets be tested without a database.
#pragma once

#include <optional>
#include <string>

#include "retain/core/status.h"
#include "retain/model/customer.h"
#include "retain/model/order.h"

namespace retain::ingest {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Each returns kNotFound when a referenced record (customer, order) does not
  // exist; other errors are I/O failures and stop the import.
  // Records are taken by value so a caller can move them in.
  virtual core::Status Customer(model::Customer c) = 0;
  virtual core::Status Product(const model::Product& p) = 0;
  virtual core::Status Order(model::Order o) = 0;
  virtual core::Status OrderLine(model::OrderLine l) = 0;
  virtual core::Status Return(const model::Return& r) = 0;
  // The customer of a known order (to complete returns that name only the order).
  virtual core::Result<std::optional<std::string>> CustomerOfOrder(const std::string& order_id) = 0;
};

}  // namespace retain::ingest
