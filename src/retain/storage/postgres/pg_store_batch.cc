// Batch upserts of PgStore: one INSERT … SELECT FROM unnest(arrays) per
// kBatchRows records (every column of the batch bound as one array), then,
// only for the records that existed, the single-row update that tells updated
// from unchanged.
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "retain/storage/postgres/customer_codec.h"
#include "retain/storage/postgres/pg_store.h"
#include "retain/storage/postgres/upsert_sql.h"

namespace retain::storage::postgres {
namespace {

// "INSERT INTO table(columns) SELECT select FROM unnest($1::t1[], …) WITH
// ORDINALITY AS u(c1, …, n) ORDER BY n ON CONFLICT (conflict) DO NOTHING
// RETURNING returning": rows go in in batch order, so of two records with the
// same key the first is the one added.
std::string UnnestInsert(const std::string& table_columns, const std::vector<const char*>& types,
                         const std::string& select, const std::string& conflict,
                         const std::string& returning) {
  std::string arrays, names;
  for (size_t i = 0; i < types.size(); ++i) {
    arrays += (i ? ", $" : "$") + std::to_string(i + 1) + "::" + types[i] + "[]";
    names += "c" + std::to_string(i + 1) + ", ";
  }
  return "INSERT INTO " + table_columns + " SELECT " + select + " FROM unnest(" + arrays +
         ") WITH ORDINALITY AS u(" + names + "n) ORDER BY n ON CONFLICT (" + conflict +
         ") DO NOTHING RETURNING " + returning;
}

// "c1, c2, …, cN".
std::string Columns(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) out += (i > 1 ? ", c" : "c") + std::to_string(i);
  return out;
}

// The column arrays of a batch: rows of per-record Params turned into one
// array literal per column.
Params Transpose(std::span<const Params> rows, size_t columns) {
  Params out;
  std::vector<std::optional<std::string>> column(rows.size());
  for (size_t c = 0; c < columns; ++c) {
    for (size_t r = 0; r < rows.size(); ++r) column[r] = rows[r].values()[c];
    out.Add(ArrayLiteral(column));
  }
  return out;
}

// Upserts records [0, n) in chunks of kBatchRows: `chunk(begin, end)` gives
// the column arrays for `insert` (which returns the conflict key of each row
// it added), `key(i)` record i's conflict key, `update(i)` record i's update
// (returns whether it changed something), `added(rows, r)` sees each row
// the insert returned.
template <class Chunk, class Key, class Update, class Added>
Result<UpsertCounts> BatchUpsertRecords(Connection& db, bool& dirty, size_t n,
                                        const std::string& insert, Chunk chunk, Key key,
                                        Update update, Added added_row) {
  UpsertCounts counts;
  for (size_t begin = 0; begin < n; begin += PgStore::kBatchRows) {
    const size_t end = std::min(n, begin + PgStore::kBatchRows);
    auto added = db.Query(insert, chunk(begin, end));
    if (!added) return core::Err(added.error());
    std::unordered_set<std::string> fresh;
    for (int r = 0; r < added->size(); ++r) {
      fresh.insert(added->Text(r, 0));
      added_row(*added, r);
    }
    if (!fresh.empty()) dirty = true;
    for (size_t i = begin; i < end; ++i) {
      // Only the first record with a fresh key was added; later ones update it.
      if (fresh.erase(key(i)) > 0) {
        ++counts.added;
        continue;
      }
      auto changed = update(i);
      if (!changed) return core::Err(changed.error());
      if (*changed) {
        ++counts.updated;
        dirty = true;
      } else {
        ++counts.unchanged;
      }
    }
  }
  return counts;
}

}  // namespace

Result<bool> PgStore::Changed(const std::string& update, const Params& params) {
  auto rows = db_->Query(update, params);
  if (!rows) return core::Err(rows.error());
  return !rows->empty();
}

Result<UpsertCounts> PgStore::UpsertCustomers(std::span<const model::Customer> customers) {
  static const std::string insert = [] {
    std::vector<const char*> types(kCustomerParams, "text");
    types[9] = types[21] = "integer";  // birth_date, created_day
    // A new row always gets a kind; only updates leave an unknown kind alone.
    std::string select = Columns(kCustomerParams);
    select.replace(select.find("c13"), 3, "COALESCE(c13, 'b2c')");
    return UnnestInsert(std::string("customers(") + kCustomerColumns + ")", types, select,
                        "external_id", "external_id, id");
  }();
  std::vector<Params> rows(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) AddCustomerParams(rows[i], customers[i]);
  return BatchUpsertRecords(
      *db_, dirty_, customers.size(), insert,
      [&](size_t b, size_t e) {
        return Transpose(std::span(rows).subspan(b, e - b), kCustomerParams);
      },
      [&](size_t i) { return customers[i].external_id; },
      [&](size_t i) { return Changed(CustomerStatements().update, rows[i]); },
      [&](const Rows& r, int i) {
        if (customer_ids_.size() < kMaxCachedIds) customer_ids_[r.Text(i, 0)] = r.Int(i, 1);
      });
}

Result<UpsertCounts> PgStore::UpsertOrders(std::span<const model::Order> orders) {
  static const std::string insert = UnnestInsert(
      "orders(external_id, customer_id, ordered_at, day, channel, store_id, currency, "
      "total_minor, status)",
      {"text", "bigint", "text", "integer", "text", "text", "text", "bigint", "text"}, Columns(9),
      "external_id", "external_id, customer_id, id");
  std::vector<Params> rows(orders.size());
  std::unordered_map<std::string, int64_t> customer_ids;
  for (size_t i = 0; i < orders.size(); ++i) {
    const std::string& ext = orders[i].customer_external_id;
    auto it = customer_ids.find(ext);
    if (it == customer_ids.end()) {
      auto cid = CustomerId(ext);
      if (!cid) return core::Err(cid.error());
      if (!*cid) return core::Err(core::NotFound("unknown customer '" + ext + "'"));
      it = customer_ids.emplace(ext, **cid).first;
    }
    AddOrderParams(rows[i], orders[i], it->second);
    order_keys_.erase(orders[i].external_id);  // it may move to another customer
  }
  return BatchUpsertRecords(
      *db_, dirty_, orders.size(), insert,
      [&](size_t b, size_t e) { return Transpose(std::span(rows).subspan(b, e - b), 9); },
      [&](size_t i) { return orders[i].external_id; },
      [&](size_t i) { return Changed(kUpdateOrder, rows[i]); },
      [&](const Rows& r, int i) {
        if (order_keys_.size() < kMaxCachedIds) {
          order_keys_[r.Text(i, 0)] = {r.Int(i, 1), r.Int(i, 2)};
        }
      });
}

Result<UpsertCounts> PgStore::UpsertOrderLines(std::span<const model::OrderLine> lines) {
  static const std::string insert = UnnestInsert(
      "order_lines(customer_id, order_id, line_no, sku, name, category, brand, size, quantity, "
      "unit_price_minor, discount_minor)",
      {"bigint", "bigint", "integer", "text", "text", "text", "text", "text", "integer", "bigint",
       "bigint"},
      Columns(11), "customer_id, order_id, line_no", "order_id::text || '|' || line_no::text");
  std::vector<Params> rows(lines.size());
  std::vector<std::string> keys(lines.size());
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> order_keys;
  for (size_t i = 0; i < lines.size(); ++i) {
    const model::OrderLine& l = lines[i];
    if (auto s = LineNumberInRange(l); !s.ok()) return core::Err(s);
    auto it = order_keys.find(l.order_external_id);
    if (it == order_keys.end()) {
      auto key = OrderKey(l.order_external_id);
      if (!key) return core::Err(key.error());
      if (!*key) return core::Err(core::NotFound("unknown order '" + l.order_external_id + "'"));
      it = order_keys.emplace(l.order_external_id, **key).first;
    }
    AddLineParams(rows[i], l, it->second);
    keys[i] = std::to_string(it->second.second) + "|" + std::to_string(l.line_no);
  }
  return BatchUpsertRecords(
      *db_, dirty_, lines.size(), insert,
      [&](size_t b, size_t e) { return Transpose(std::span(rows).subspan(b, e - b), 11); },
      [&](size_t i) { return keys[i]; }, [&](size_t i) { return Changed(kUpdateLine, rows[i]); },
      [](const Rows&, int) {});
}

}  // namespace retain::storage::postgres
