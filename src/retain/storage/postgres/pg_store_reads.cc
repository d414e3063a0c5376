// PgStore's reads: the analytics scans (streamed row by row), the per-customer
// purchase summary computed in the database, and single-customer lookups.
#include "retain/storage/postgres/customer_codec.h"
#include "retain/storage/postgres/pg_store.h"
#include "retain/storage/sql_text.h"

namespace retain::storage::postgres {
namespace {

model::Channel ChannelOf(std::string_view s) {
  return s == "store" ? model::Channel::kStore : model::Channel::kOnline;
}

const std::string& SelectCustomers() {
  static const std::string sql = std::string("SELECT ") + kCustomerColumns + ", id FROM customers ";
  return sql;
}

}  // namespace

Status PgStore::ScanCustomers(const std::function<void(int64_t, const std::string&)>& fn) {
  std::string ext;
  return db_->Stream("SELECT id, external_id FROM customers ORDER BY id", {}, [&](const Rows& r) {
    ext.assign(r.TextView(0, 1));
    fn(r.Int(0, 0), ext);
  });
}

Status PgStore::ScanCustomerProfiles(
    const std::function<void(int64_t, const model::Customer&)>& fn) {
  return db_->Stream(SelectCustomers() + "ORDER BY id", {},
                     [&](const Rows& r) { fn(r.Int(0, kCustomerParams), ReadCustomer(r, 0)); });
}

Status PgStore::ScanOrderFacts(const std::function<void(const OrderFact&)>& fn) {
  return db_->Stream(
      "SELECT customer_id, day, total_minor, channel FROM orders "
      "ORDER BY customer_id, day, total_minor, channel",
      {}, [&](const Rows& r) {
        fn(OrderFact{r.Int(0, 0), static_cast<core::Day>(r.Int(0, 1)), r.Int(0, 2),
                     ChannelOf(r.TextView(0, 3))});
      });
}

Status PgStore::ScanReturnFacts(const std::function<void(const ReturnFact&)>& fn) {
  return db_->Stream(
      "SELECT customer_id, day, amount_minor, COALESCE(sku, '') FROM returns "
      "ORDER BY customer_id, day, amount_minor",
      {}, [&](const Rows& r) {
        fn(ReturnFact{r.Int(0, 0), static_cast<core::Day>(r.Int(0, 1)), r.Int(0, 2),
                      r.TextView(0, 3)});
      });
}

Status PgStore::ScanLineFacts(const std::function<void(const LineFact&)>& fn) {
  return db_->Stream(
      "SELECT l.customer_id, l.order_id, o.day, COALESCE(l.sku, ''), "
      "COALESCE(NULLIF(l.category, ''), p.category, ''), l.quantity FROM order_lines l "
      "JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id "
      "LEFT JOIN products p ON p.sku = l.sku ORDER BY l.order_id, l.line_no",
      {}, [&](const Rows& r) {
        fn(LineFact{r.Int(0, 0), r.Int(0, 1), static_cast<core::Day>(r.Int(0, 2)), r.TextView(0, 3),
                    r.TextView(0, 4), static_cast<int32_t>(r.Int(0, 5))});
      });
}

Status PgStore::ScanPurchaseSummaries(core::Day through,
                                      const std::function<void(const PurchaseSummary&)>& fn) {
  Params p;
  p.Add(static_cast<int64_t>(through));
  return db_->Stream(
      "SELECT customer_id, MIN(day), MAX(day), COUNT(*), SUM(amount), "
      "SUM(CASE WHEN day = first_day THEN amount ELSE 0 END) FROM ("
      "SELECT customer_id, day, SUM(total_minor) AS amount, "
      "MIN(day) OVER (PARTITION BY customer_id) AS first_day "
      "FROM orders WHERE day <= $1::integer GROUP BY customer_id, day) AS d "
      "GROUP BY customer_id ORDER BY customer_id",
      p, [&](const Rows& r) {
        fn(PurchaseSummary{r.Int(0, 0), static_cast<core::Day>(r.Int(0, 1)),
                           static_cast<core::Day>(r.Int(0, 2)), r.Int(0, 3), r.Int(0, 4),
                           r.Int(0, 5)});
      });
}

Result<std::vector<CustomerRow>> PgStore::ListCustomers(int64_t after_id, int limit,
                                                        const std::string& search) {
  Params p;
  p.Add(after_id).AddOrNull(search);
  if (search.empty()) {
    p.Null();
  } else {
    p.Add(ContainsPattern(search));
  }
  p.Add(static_cast<int64_t>(limit));
  auto rows = db_->Query(SelectCustomers() +
                             "WHERE id > $1 AND ($2::text IS NULL OR external_id = $2 OR "
                             "lower(email) = lower($2) OR (first_name || ' ' || last_name) "
                             "LIKE $3 ESCAPE '\\') ORDER BY id LIMIT $4",
                         p);
  if (!rows) return core::Err(rows.error());
  std::vector<CustomerRow> out;
  for (int r = 0; r < rows->size(); ++r) {
    out.push_back({rows->Int(r, kCustomerParams), ReadCustomer(*rows, r)});
  }
  return out;
}

Result<std::optional<model::Customer>> PgStore::FindCustomer(const std::string& external_id) {
  Params p;
  p.Add(external_id);
  auto rows = db_->Query(SelectCustomers() + "WHERE external_id = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<model::Customer>();
  return std::optional<model::Customer>(ReadCustomer(*rows, 0));
}

Result<std::vector<OrderRecord>> PgStore::CustomerOrders(const std::string& external_id) {
  Params p;
  p.Add(external_id);
  auto orders = db_->Query(
      "SELECT o.id, o.external_id, o.ordered_at, o.channel, o.store_id, o.currency, "
      "o.total_minor, o.status FROM orders o JOIN customers c ON c.id = o.customer_id "
      "WHERE c.external_id = $1 ORDER BY o.day, o.ordered_at, o.id",
      p);
  if (!orders) return core::Err(orders.error());
  auto lines = db_->Query(
      "SELECT l.order_id, l.line_no, l.sku, l.name, l.category, l.brand, l.size, l.quantity, "
      "l.unit_price_minor, l.discount_minor FROM order_lines l JOIN customers c "
      "ON c.id = l.customer_id WHERE c.external_id = $1 ORDER BY l.order_id, l.line_no",
      p);
  if (!lines) return core::Err(lines.error());
  std::unordered_map<int64_t, size_t> index;
  std::vector<OrderRecord> out(orders->size());
  for (int r = 0; r < orders->size(); ++r) {
    model::Order& o = out[r].order;
    index[orders->Int(r, 0)] = r;
    o.external_id = orders->Text(r, 1);
    o.customer_external_id = external_id;
    if (auto ts = core::ParseTimestamp(orders->TextView(r, 2))) o.ordered_at = *ts;
    o.channel = ChannelOf(orders->TextView(r, 3));
    o.store_id = orders->Text(r, 4);
    o.currency = orders->Text(r, 5);
    o.total_minor = orders->Int(r, 6);
    o.status = orders->Text(r, 7);
  }
  for (int r = 0; r < lines->size(); ++r) {
    auto it = index.find(lines->Int(r, 0));
    if (it == index.end()) continue;
    OrderRecord& rec = out[it->second];
    model::OrderLine l;
    l.order_external_id = rec.order.external_id;
    l.line_no = static_cast<int32_t>(lines->Int(r, 1));
    l.sku = lines->Text(r, 2);
    l.name = lines->Text(r, 3);
    l.category = lines->Text(r, 4);
    l.brand = lines->Text(r, 5);
    l.size = lines->Text(r, 6);
    l.quantity = static_cast<int32_t>(lines->Int(r, 7));
    l.unit_price_minor = lines->Int(r, 8);
    l.discount_minor = lines->Int(r, 9);
    rec.lines.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<model::Return>> PgStore::CustomerReturns(const std::string& external_id) {
  Params p;
  p.Add(external_id);
  auto rows = db_->Query(
      "SELECT r.external_id, o.external_id, r.returned_at, r.amount_minor, r.sku, r.quantity, "
      "r.reason FROM returns r JOIN customers c ON c.id = r.customer_id LEFT JOIN orders o "
      "ON o.id = r.order_id WHERE c.external_id = $1 ORDER BY r.day, r.id",
      p);
  if (!rows) return core::Err(rows.error());
  std::vector<model::Return> out;
  for (int i = 0; i < rows->size(); ++i) {
    model::Return r;
    r.external_id = rows->Text(i, 0);
    r.order_external_id = rows->Text(i, 1);
    r.customer_external_id = external_id;
    if (auto ts = core::ParseTimestamp(rows->TextView(i, 2))) r.returned_at = *ts;
    r.amount_minor = rows->Int(i, 3);
    r.sku = rows->Text(i, 4);
    r.quantity = static_cast<int32_t>(rows->Int(i, 5));
    r.reason = rows->Text(i, 6);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::map<std::string, std::string>> PgStore::ProductNames(
    const std::vector<std::string>& skus) {
  std::vector<std::optional<std::string>> values(skus.begin(), skus.end());
  Params p;
  p.Add(ArrayLiteral(values));
  auto rows =
      db_->Query("SELECT sku, name FROM products WHERE sku = ANY($1::text[]) AND name <> ''", p);
  if (!rows) return core::Err(rows.error());
  std::map<std::string, std::string> names;
  for (int r = 0; r < rows->size(); ++r) names[rows->Text(r, 0)] = rows->Text(r, 1);
  return names;
}

}  // namespace retain::storage::postgres
