// Batch upserts of SqliteStore: one multi-row INSERT per kBatchRows records,
// then, only if some already existed, the single-row update pass that tells
// updated from unchanged.
#include <string>
#include <vector>

#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

// "INSERT INTO table(cols) VALUES (?,..),(?,..)... ON CONFLICT(key) DO NOTHING".
std::string MultiRowInsert(const char* table_and_columns, int params, size_t rows,
                           const char* conflict) {
  std::string row = "(";
  for (int i = 0; i < params; ++i) row += i ? ",?" : "?";
  row += ")";
  std::string sql = std::string("INSERT INTO ") + table_and_columns + " VALUES ";
  for (size_t r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  return sql + " ON CONFLICT(" + conflict + ") DO NOTHING";
}

constexpr int kOrderParams = 9;
constexpr int kLineParams = 11;

}  // namespace

Status SqliteStore::PrepareBatchStatements() {
  const std::string orders = MultiRowInsert(
      "orders(external_id, customer_id, ordered_at, day, channel, store_id, currency, "
      "total_minor, status)",
      kOrderParams, kBatchRows, "external_id");
  if (auto s = ins_orders_batch_.Prepare(db_, orders.c_str()); !s.ok()) return s;
  const std::string lines = MultiRowInsert(
      "order_lines(id, order_id, line_no, sku, name, category, brand, size, quantity, "
      "unit_price_minor, discount_minor)",
      kLineParams, kBatchRows, "id");
  return ins_lines_batch_.Prepare(db_, lines.c_str());
}

Result<bool> SqliteStore::CustomerExists(const std::string& external_id) {
  auto id = CustomerId(external_id);
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Result<bool> SqliteStore::OrderExists(const std::string& external_id) {
  auto id = OrderId(external_id);
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Result<UpsertCounts> SqliteStore::UpsertOrders(std::span<const model::Order> orders) {
  UpsertCounts counts;
  std::vector<int64_t> customer_ids(orders.size());
  std::vector<std::string> ats(orders.size());
  for (size_t i = 0; i < orders.size(); ++i) {
    auto cid = CustomerId(orders[i].customer_external_id);
    if (!cid) return core::Err(cid.error());
    if (!*cid) {
      return core::Err(core::NotFound("unknown customer '" + orders[i].customer_external_id + "'"));
    }
    customer_ids[i] = **cid;
    ats[i] = core::FormatTimestamp(orders[i].ordered_at);
  }
  size_t i = 0;
  int64_t batch_updated = 0, batch_existing = 0;
  for (; i + kBatchRows <= orders.size(); i += kBatchRows) {
    int p = 0;
    for (size_t r = i; r < i + kBatchRows; ++r) {
      const model::Order& o = orders[r];
      ins_orders_batch_.Bind(++p, o.external_id);
      ins_orders_batch_.Bind(++p, customer_ids[r]);
      ins_orders_batch_.Bind(++p, ats[r]);
      ins_orders_batch_.Bind(++p, o.ordered_at.day);
      ins_orders_batch_.Bind(++p, model::ChannelName(o.channel));
      ins_orders_batch_.Bind(++p, o.store_id, true);
      ins_orders_batch_.Bind(++p, o.currency);
      ins_orders_batch_.Bind(++p, o.total_minor);
      ins_orders_batch_.Bind(++p, o.status, true);
    }
    if (auto s = ins_orders_batch_.Run(); !s.ok()) return core::Err(s);
    const auto added = static_cast<int64_t>(sqlite3_changes(db_));
    counts.added += added;
    if (added > 0) dirty_ = true;
    if (added == static_cast<int64_t>(kBatchRows)) continue;
    batch_existing += static_cast<int64_t>(kBatchRows) - added;
    for (size_t r = i; r < i + kBatchRows; ++r) {
      BindOrder(upd_order_, orders[r], customer_ids[r], ats[r]);
      if (auto s = upd_order_.Run(); !s.ok()) return core::Err(s);
      if (sqlite3_changes(db_) == 1) {
        ++batch_updated;
        dirty_ = true;
      }
    }
  }
  counts.updated += batch_updated;
  counts.unchanged += batch_existing - batch_updated;
  for (; i < orders.size(); ++i) {
    for (Statement* st : {&ins_order_, &upd_order_}) {
      BindOrder(*st, orders[i], customer_ids[i], ats[i]);
    }
    auto e = InsertOrUpdate(ins_order_, upd_order_);
    if (!e) return core::Err(e.error());
    (*e == UpsertEffect::kAdded     ? counts.added
     : *e == UpsertEffect::kUpdated ? counts.updated
                                    : counts.unchanged)++;
  }
  return counts;
}

Result<UpsertCounts> SqliteStore::UpsertOrderLines(std::span<const model::OrderLine> lines) {
  UpsertCounts counts;
  std::vector<int64_t> order_ids(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const model::OrderLine& l = lines[i];
    if (l.line_no < 1 || l.line_no > kMaxLineNo) {
      return core::Err(core::InvalidArgument("line number " + std::to_string(l.line_no) +
                                             " is outside 1.." + std::to_string(kMaxLineNo)));
    }
    auto oid = OrderId(l.order_external_id);
    if (!oid) return core::Err(oid.error());
    if (!*oid) return core::Err(core::NotFound("unknown order '" + l.order_external_id + "'"));
    order_ids[i] = **oid;
  }
  size_t i = 0;
  int64_t batch_updated = 0, batch_existing = 0;
  for (; i + kBatchRows <= lines.size(); i += kBatchRows) {
    int p = 0;
    for (size_t r = i; r < i + kBatchRows; ++r) {
      const model::OrderLine& l = lines[r];
      ins_lines_batch_.Bind(++p, order_ids[r] * 65536 + l.line_no);
      ins_lines_batch_.Bind(++p, order_ids[r]);
      ins_lines_batch_.Bind(++p, l.line_no);
      ins_lines_batch_.Bind(++p, l.sku, true);
      ins_lines_batch_.Bind(++p, l.name, true);
      ins_lines_batch_.Bind(++p, l.category, true);
      ins_lines_batch_.Bind(++p, l.brand, true);
      ins_lines_batch_.Bind(++p, l.size, true);
      ins_lines_batch_.Bind(++p, l.quantity);
      ins_lines_batch_.Bind(++p, l.unit_price_minor);
      ins_lines_batch_.Bind(++p, l.discount_minor);
    }
    if (auto s = ins_lines_batch_.Run(); !s.ok()) return core::Err(s);
    const auto added = static_cast<int64_t>(sqlite3_changes(db_));
    counts.added += added;
    if (added > 0) dirty_ = true;
    if (added == static_cast<int64_t>(kBatchRows)) continue;
    batch_existing += static_cast<int64_t>(kBatchRows) - added;
    for (size_t r = i; r < i + kBatchRows; ++r) {
      BindLine(upd_line_, lines[r], order_ids[r]);
      if (auto s = upd_line_.Run(); !s.ok()) return core::Err(s);
      if (sqlite3_changes(db_) == 1) {
        ++batch_updated;
        dirty_ = true;
      }
    }
  }
  counts.updated += batch_updated;
  counts.unchanged += batch_existing - batch_updated;
  for (; i < lines.size(); ++i) {
    for (Statement* st : {&ins_line_, &upd_line_}) BindLine(*st, lines[i], order_ids[i]);
    auto e = InsertOrUpdate(ins_line_, upd_line_);
    if (!e) return core::Err(e.error());
    (*e == UpsertEffect::kAdded     ? counts.added
     : *e == UpsertEffect::kUpdated ? counts.updated
                                    : counts.unchanged)++;
  }
  return counts;
}

}  // namespace retain::storage::sqlite
