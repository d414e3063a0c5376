// Mapping between model::Customer and the customers table (SQLite backend).
#pragma once

#include "retain/model/customer.h"
#include "retain/storage/sqlite/statement.h"

namespace retain::storage::sqlite {

// Binds parameters first+1..first+22 in the column order of the customers
// insert/update statements; empty fields bind as NULL.
void BindCustomer(Statement& st, const model::Customer& c, int first = 0);

// Columns in the order ReadCustomer expects; parameter ?1 is the external id.
extern const char* const kSelectCustomer;

// Every customer, the same columns followed by the id, in id order.
extern const char* const kScanCustomers;

// A page of customers, the same columns followed by the id: ?1 = after id,
// ?2 = search text or NULL, ?3 = LIKE pattern for the name, ?4 = limit.
extern const char* const kPageCustomers;

// Reads the current row of a kSelectCustomer or kScanCustomers statement.
model::Customer ReadCustomer(const Statement& st);

}  // namespace retain::storage::sqlite
