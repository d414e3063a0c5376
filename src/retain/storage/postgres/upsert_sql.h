// The SQL and parameters of PgStore's upserts. Each entity has an insert
// (… ON CONFLICT DO NOTHING RETURNING …: a row when added) and an update
// (… WHERE something differs RETURNING …: a row when changed) over the same
// parameters, so one Params serves both.
#pragma once

#include <string>
#include <utility>

#include "retain/core/status.h"
#include "retain/model/customer.h"
#include "retain/model/order.h"
#include "retain/storage/postgres/connection.h"

namespace retain::storage::postgres {

struct CustomerSql {
  std::string insert, update;  // over AddCustomerParams
};
const CustomerSql& CustomerStatements();

extern const char* const kInsertProduct;  // sku, name, category, brand, price_minor
extern const char* const kUpdateProduct;
extern const char* const kInsertOrder;  // over AddOrderParams
extern const char* const kUpdateOrder;
extern const char* const kInsertLine;  // over AddLineParams
extern const char* const kUpdateLine;
extern const char* const kInsertReturn;
extern const char* const kUpdateReturn;

// kInvalidArgument unless the line number is 1..65535 (as in SQLite).
core::Status LineNumberInRange(const model::OrderLine& l);

// external_id, customer_id, ordered_at, day, channel, store_id, currency,
// total_minor, status.
void AddOrderParams(Params& p, const model::Order& o, int64_t customer_id);
// customer_id, order_id, line_no, sku, name, category, brand, size, quantity,
// unit_price_minor, discount_minor; `order` is (customer id, order id).
void AddLineParams(Params& p, const model::OrderLine& l, std::pair<int64_t, int64_t> order);

}  // namespace retain::storage::postgres
