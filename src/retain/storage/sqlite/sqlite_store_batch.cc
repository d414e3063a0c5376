// Batch upserts of SqliteStore: one multi-row INSERT per kBatchRows records,
// then, only if some already existed, the single-row update pass that tells
// updated from unchanged.
#include <string>
#include <vector>

#include "retain/storage/sqlite/customer_codec.h"
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
constexpr int kCustomerParams = 22;

}  // namespace

// Upserts n records: full groups of kBatchRows through `batch` (a multi-row
// insert-or-ignore whose parameters bind_row(r, p) fills for record r), then
// the update pass for groups where some records existed; the remainder one by
// one through InsertOrUpdate. bind_single(st, r) binds record r to the
// single-row insert and update statements.
template <class BindRow, class BindSingle, class Added>
Result<UpsertCounts> SqliteStore::BatchUpsert(size_t n, Statement& batch, Statement& insert,
                                              Statement& update, BindRow bind_row,
                                              BindSingle bind_single, Added added_row) {
  UpsertCounts counts;
  int64_t existing = 0, updated = 0;
  size_t i = 0;
  for (; i + kBatchRows <= n; i += kBatchRows) {
    int p = 0;
    for (size_t r = i; r < i + kBatchRows; ++r) bind_row(r, p);
    if (auto s = batch.Run(); !s.ok()) return core::Err(s);
    const auto added = static_cast<int64_t>(sqlite3_changes(db_));
    counts.added += added;
    if (added > 0) dirty_ = true;
    if (added == static_cast<int64_t>(kBatchRows)) {
      const int64_t last = sqlite3_last_insert_rowid(db_);
      for (size_t r = i; r < i + kBatchRows; ++r) {
        added_row(r, last - static_cast<int64_t>(i + kBatchRows - 1 - r));
      }
      continue;
    }
    existing += static_cast<int64_t>(kBatchRows) - added;
    for (size_t r = i; r < i + kBatchRows; ++r) {
      bind_single(update, r);
      if (auto s = update.Run(); !s.ok()) return core::Err(s);
      if (sqlite3_changes(db_) == 1) {
        ++updated;
        dirty_ = true;
      }
    }
  }
  counts.updated = updated;
  counts.unchanged = existing - updated;
  for (; i < n; ++i) {
    bind_single(insert, i);
    bind_single(update, i);
    auto e = InsertOrUpdate(insert, update);
    if (!e) return core::Err(e.error());
    if (*e == UpsertEffect::kAdded) added_row(i, sqlite3_last_insert_rowid(db_));
    (*e == UpsertEffect::kAdded     ? counts.added
     : *e == UpsertEffect::kUpdated ? counts.updated
                                    : counts.unchanged)++;
  }
  return counts;
}

Status SqliteStore::PrepareBatchStatements() {
  const std::string orders = MultiRowInsert(
      "orders(external_id, customer_id, ordered_at, day, channel, store_id, currency, "
      "total_minor, status)",
      kOrderParams, kBatchRows, "external_id");
  if (auto s = ins_orders_batch_.Prepare(db_, orders.c_str()); !s.ok()) return s;
  const std::string customers = MultiRowInsert(
      "customers(external_id, first_name, last_name, email, phone, street, postal_code, city, "
      "country, birth_date, gender, language, kind, company, tags, attributes, consent_email, "
      "consent_sms, consent_phone, consent_letter, referral_source, created_day)",
      kCustomerParams, kBatchRows, "external_id");
  if (auto s = ins_customers_batch_.Prepare(db_, customers.c_str()); !s.ok()) return s;
  const std::string lines = MultiRowInsert(
      "order_lines(id, order_id, line_no, sku, name, category, brand, size, quantity, "
      "unit_price_minor, discount_minor)",
      kLineParams, kBatchRows, "id");
  return ins_lines_batch_.Prepare(db_, lines.c_str());
}

Result<UpsertCounts> SqliteStore::UpsertCustomers(std::span<const model::Customer> customers) {
  return BatchUpsert(
      customers.size(), ins_customers_batch_, ins_customer_, upd_customer_,
      [&](size_t r, int& p) {
        BindCustomer(ins_customers_batch_, customers[r], p);
        // A new row always gets a kind (the single-row insert says
        // COALESCE(?13, 'b2c')); only updates leave an unknown kind alone.
        ins_customers_batch_.Bind(p + 13, model::KindName(customers[r].kind));
        p += kCustomerParams;
      },
      [&](Statement& st, size_t r) { BindCustomer(st, customers[r]); },
      [&](size_t r, int64_t rowid) { customer_ids_.Put(customers[r].external_id, rowid); });
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
  auto bind_row = [&](size_t r, int& p) {
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
  };
  return BatchUpsert(
      orders.size(), ins_orders_batch_, ins_order_, upd_order_, bind_row,
      [&](Statement& st, size_t r) { BindOrder(st, orders[r], customer_ids[r], ats[r]); },
      [&](size_t r, int64_t rowid) {
        if (recent_orders_.size() >= kRecentOrders) recent_orders_.Clear();
        recent_orders_.Put(orders[r].external_id, rowid);
      });
}

Result<UpsertCounts> SqliteStore::UpsertOrderLines(std::span<const model::OrderLine> lines) {
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
  auto bind_row = [&](size_t r, int& p) {
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
  };
  return BatchUpsert(
      lines.size(), ins_lines_batch_, ins_line_, upd_line_, bind_row,
      [&](Statement& st, size_t r) { BindLine(st, lines[r], order_ids[r]); },
      [](size_t, int64_t) {});
}

}  // namespace retain::storage::sqlite
