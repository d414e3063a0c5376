// Customers to and from PostgreSQL rows: the column list, the parameters of
// an upsert and the reading of a selected row.
#pragma once

#include <string>

#include "retain/model/customer.h"
#include "retain/storage/postgres/connection.h"

namespace retain::storage::postgres {

// "external_id, first_name, ..., created_day": the 22 customer columns in
// the order of CustomerParams and ReadCustomer.
extern const char* const kCustomerColumns;
constexpr int kCustomerParams = 22;

// Appends the customer's 22 values (empty fields as NULL; kind NULL unless
// the source said so).
void AddCustomerParams(Params& p, const model::Customer& c);

// The customer in row `row`, columns first..first+21 in kCustomerColumns order.
model::Customer ReadCustomer(const Rows& rows, int row, int first = 0);

}  // namespace retain::storage::postgres
