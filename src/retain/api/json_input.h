// Reading customers, orders and returns from API request bodies.
//
// Fields are those of the JSON the API returns (customer_id, ordered_at,
// total in minor units, ...). Unknown fields are refused, so a misspelt field
// is an error rather than silently ignored; every error names its field.
#pragma once

#include <nlohmann/json.hpp>

#include <expected>

#include "retain/api/problem.h"
#include "retain/model/customer.h"
#include "retain/storage/store.h"

namespace retain::api {

// A customer with external id `id` (the path's); the body may repeat it as
// customer_id but not contradict it. Missing fields are empty.
std::expected<model::Customer, Problem> CustomerFromJson(const nlohmann::json& body,
                                                         const std::string& id);

// An order with its lines: order_id, customer_id, ordered_at and total are
// required; lines number 1.. in the given order unless they carry line_no.
std::expected<storage::OrderRecord, Problem> OrderFromJson(const nlohmann::json& body);

// A return: return_id, returned_at, amount and customer_id or order_id.
std::expected<model::Return, Problem> ReturnFromJson(const nlohmann::json& body);

// The JSON of an order as the API answers it (amounts in minor units).
nlohmann::ordered_json OrderJson(const storage::OrderRecord& o);
// The JSON of a return.
nlohmann::ordered_json ReturnJson(const model::Return& r);

}  // namespace retain::api
