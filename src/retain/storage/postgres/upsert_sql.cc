#include "retain/storage/postgres/upsert_sql.h"

#include <vector>

#include "retain/storage/postgres/customer_codec.h"

namespace retain::storage::postgres {
namespace {

// "$2::text IS NOT NULL AND first_name IS DISTINCT FROM $2::text OR ...": an
// update only changes what an import actually supplied.
std::string CustomerUpsertSql(std::string* update) {
  static const char* kTypes[kCustomerParams] = {
      "text", "text", "text", "text", "text", "text", "text", "text", "text", "integer", "text",
      "text", "text", "text", "text", "text", "text", "text", "text", "text", "text",    "integer"};
  const std::string columns = kCustomerColumns;
  std::vector<std::string> names;
  for (size_t p = 0; p < columns.size();) {
    const size_t comma = columns.find(", ", p);
    names.push_back(columns.substr(p, comma == std::string::npos ? std::string::npos : comma - p));
    p = comma == std::string::npos ? columns.size() : comma + 2;
  }
  std::string values, set, differs;
  for (int i = 0; i < kCustomerParams; ++i) {
    const std::string param = "$" + std::to_string(i + 1) + "::" + kTypes[i];
    values += (i ? ", " : "") + (names[i] == "kind" ? "COALESCE(" + param + ", 'b2c')" : param);
    if (i == 0) continue;
    set += (i > 1 ? ", " : "") + names[i] + " = COALESCE(" + param + ", " + names[i] + ")";
    differs += (i > 1 ? " OR " : "") + std::string("(") + param + " IS NOT NULL AND " + names[i] +
               " IS DISTINCT FROM " + param + ")";
  }
  *update = "UPDATE customers SET " + set + " WHERE external_id = $1::text AND (" + differs +
            ") RETURNING id";
  return "INSERT INTO customers(" + columns + ") VALUES (" + values +
         ") ON CONFLICT (external_id) DO NOTHING RETURNING id";
}

}  // namespace

const CustomerSql& CustomerStatements() {
  static const CustomerSql sql = [] {
    CustomerSql s;
    s.insert = CustomerUpsertSql(&s.update);
    return s;
  }();
  return sql;
}

const char* const kInsertProduct =
    "INSERT INTO products(sku, name, category, brand, price_minor) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (sku) DO NOTHING RETURNING 1";
const char* const kUpdateProduct =
    "UPDATE products SET name = $2, category = $3, brand = $4, price_minor = $5 WHERE sku = $1 "
    "AND (name IS DISTINCT FROM $2 OR category IS DISTINCT FROM $3 OR brand IS DISTINCT FROM $4 "
    "OR price_minor IS DISTINCT FROM $5::bigint) RETURNING 1";

const char* const kInsertOrder =
    "INSERT INTO orders(external_id, customer_id, ordered_at, day, channel, store_id, currency, "
    "total_minor, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (external_id) DO NOTHING RETURNING id";
// Moving an order to another customer re-keys its lines (ON UPDATE CASCADE).
const char* const kUpdateOrder =
    "UPDATE orders SET customer_id = $2, ordered_at = $3, day = $4, channel = $5, store_id = $6, "
    "currency = $7, total_minor = $8, status = $9 WHERE external_id = $1 AND "
    "(customer_id IS DISTINCT FROM $2::bigint OR ordered_at IS DISTINCT FROM $3 OR day IS DISTINCT "
    "FROM $4::integer OR channel IS DISTINCT "
    "FROM $5 OR store_id IS DISTINCT FROM $6 OR currency IS DISTINCT FROM $7 OR total_minor IS "
    "DISTINCT FROM $8::bigint OR status IS DISTINCT FROM $9) RETURNING id";

const char* const kInsertLine =
    "INSERT INTO order_lines(customer_id, order_id, line_no, sku, name, category, brand, size, "
    "quantity, unit_price_minor, discount_minor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11) ON CONFLICT (customer_id, order_id, line_no) DO NOTHING RETURNING 1";
const char* const kUpdateLine =
    "UPDATE order_lines SET sku = $4, name = $5, category = $6, brand = $7, size = $8, quantity "
    "= $9, unit_price_minor = $10, discount_minor = $11 WHERE customer_id = $1 AND order_id = $2 "
    "AND line_no = $3 AND (sku IS DISTINCT FROM $4 OR name IS DISTINCT FROM $5 OR category IS "
    "DISTINCT FROM $6 OR brand IS DISTINCT FROM $7 OR size IS DISTINCT FROM $8 OR quantity IS "
    "DISTINCT FROM $9::integer OR unit_price_minor IS DISTINCT FROM $10::bigint OR "
    "discount_minor IS DISTINCT FROM $11::bigint) RETURNING 1";

const char* const kInsertReturn =
    "INSERT INTO returns(external_id, order_id, customer_id, returned_at, day, amount_minor, sku, "
    "quantity, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (external_id) DO NOTHING RETURNING 1";
const char* const kUpdateReturn =
    "UPDATE returns SET order_id = $2, customer_id = $3, returned_at = $4, day = $5, "
    "amount_minor = $6, sku = $7, quantity = $8, reason = $9 WHERE external_id = $1 AND "
    "(customer_id IS DISTINCT FROM $3::bigint OR order_id IS DISTINCT FROM $2::bigint OR "
    "returned_at IS DISTINCT FROM $4 OR day IS DISTINCT "
    "FROM $5::integer OR amount_minor IS DISTINCT FROM $6::bigint OR sku IS DISTINCT FROM $7 OR "
    "quantity IS DISTINCT FROM $8::integer OR reason IS DISTINCT FROM $9) RETURNING 1";

namespace {
constexpr int32_t kMaxLineNo = 65535;
}  // namespace

core::Status LineNumberInRange(const model::OrderLine& l) {
  if (l.line_no >= 1 && l.line_no <= kMaxLineNo) return {};
  return core::InvalidArgument("line number " + std::to_string(l.line_no) + " is outside 1.." +
                               std::to_string(kMaxLineNo));
}

void AddOrderParams(Params& p, const model::Order& o, int64_t customer_id) {
  p.Add(o.external_id)
      .Add(customer_id)
      .Add(core::FormatTimestamp(o.ordered_at))
      .Add(static_cast<int64_t>(o.ordered_at.day))
      .Add(model::ChannelName(o.channel))
      .AddOrNull(o.store_id)
      .Add(o.currency)
      .Add(o.total_minor)
      .AddOrNull(o.status);
}

void AddLineParams(Params& p, const model::OrderLine& l, std::pair<int64_t, int64_t> order) {
  p.Add(order.first)
      .Add(order.second)
      .Add(static_cast<int64_t>(l.line_no))
      .AddOrNull(l.sku)
      .AddOrNull(l.name)
      .AddOrNull(l.category)
      .AddOrNull(l.brand)
      .AddOrNull(l.size)
      .Add(static_cast<int64_t>(l.quantity))
      .Add(l.unit_price_minor)
      .Add(l.discount_minor);
}

}  // namespace retain::storage::postgres
