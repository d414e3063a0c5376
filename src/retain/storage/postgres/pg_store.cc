#include "retain/storage/postgres/pg_store.h"

#include <string>

#include "retain/storage/postgres/customer_codec.h"
#include "retain/storage/postgres/migrations.h"
#include "retain/storage/postgres/upsert_sql.h"

namespace retain::storage::postgres {

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, bool create) {
  auto conn = Connection::Open(url);
  if (!conn) return core::Err(conn.error());
  if (!create) {
    auto has = HasSchema(**conn);
    if (!has) return core::Err(has.error());
    if (!*has) {
      return core::Err(core::NotFound("no retain database at " + (*conn)->display_url() +
                                      ": create one with `retain init --db URL` or pass --db / "
                                      "set RETAIN_DB"));
    }
  }
  if (auto s = Migrate(**conn); !s.ok()) return core::Err(s);
  return std::unique_ptr<PgStore>(new PgStore(std::move(*conn)));
}

PgStore::~PgStore() {
  if (in_write_) Rollback();
  EndRead();
}

void PgStore::ForgetIds() {
  customer_ids_.clear();
  order_keys_.clear();
}

Status PgStore::BeginWrite() {
  if (in_write_) return core::FailedPrecondition("a write transaction is already open");
  if (in_read_) return core::FailedPrecondition("a read transaction is open");
  ForgetIds();
  // Writers take turns across every process on the database, as on SQLite: a
  // write job's checks (does the order exist?) then hold until it commits.
  // Readers never wait.
  if (auto s = db_->Exec("BEGIN; SELECT pg_advisory_xact_lock(7265746170)"); !s.ok()) {
    db_->Exec("ROLLBACK");
    return s;
  }
  in_write_ = true;
  dirty_ = false;
  return {};
}

Status PgStore::BeginBulkWrite() { return BeginWrite(); }

Status PgStore::BeginRead() {
  if (in_write_ || in_read_) return core::FailedPrecondition("a transaction is already open");
  // One snapshot for every statement until EndRead.
  if (auto s = db_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s.ok()) return s;
  in_read_ = true;
  return {};
}

void PgStore::EndRead() {
  if (!in_read_) return;
  in_read_ = false;
  if (!db_->Exec("COMMIT").ok()) db_->Exec("ROLLBACK");
}

Status PgStore::Commit() {
  if (!in_write_) return core::FailedPrecondition("no write transaction is open");
  if (dirty_) {
    // The row lock also orders concurrent writers' versions.
    if (auto r = db_->Query("UPDATE meta SET value = (CAST(value AS BIGINT) + 1)::text "
                            "WHERE key = 'data_version'");
        !r) {
      Rollback();
      return r.error();
    }
  }
  if (auto s = db_->Exec("COMMIT"); !s.ok()) {
    Rollback();
    return s;
  }
  in_write_ = false;
  ForgetIds();
  return {};
}

void PgStore::Rollback() {
  if (!in_write_) return;
  db_->Exec("ROLLBACK");
  in_write_ = false;
  ForgetIds();
}

Result<UpsertEffect> PgStore::InsertOrUpdate(const std::string& insert, const std::string& update,
                                             const Params& params, int64_t* added_id) {
  auto added = db_->Query(insert, params);
  if (!added) return core::Err(added.error());
  if (!added->empty()) {
    dirty_ = true;
    if (added_id) *added_id = added->Int(0, 0);
    return UpsertEffect::kAdded;
  }
  auto updated = db_->Query(update, params);
  if (!updated) return core::Err(updated.error());
  if (!updated->empty()) {
    dirty_ = true;
    return UpsertEffect::kUpdated;
  }
  return UpsertEffect::kUnchanged;
}

Result<UpsertEffect> PgStore::UpsertCustomer(const model::Customer& c) {
  Params p;
  AddCustomerParams(p, c);
  return InsertOrUpdate(CustomerStatements().insert, CustomerStatements().update, p);
}

Result<UpsertEffect> PgStore::UpsertProduct(const model::Product& p) {
  Params params;
  params.Add(p.sku).AddOrNull(p.name).AddOrNull(p.category).AddOrNull(p.brand).Add(p.price_minor);
  return InsertOrUpdate(kInsertProduct, kUpdateProduct, params);
}

Result<std::optional<int64_t>> PgStore::CustomerId(const std::string& external_id) {
  if (auto it = customer_ids_.find(external_id); it != customer_ids_.end()) return it->second;
  Params p;
  p.Add(external_id);
  auto rows = db_->Query("SELECT id FROM customers WHERE external_id = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<int64_t>();
  const int64_t id = rows->Int(0, 0);
  if (in_write_ && customer_ids_.size() < kMaxCachedIds) customer_ids_[external_id] = id;
  return std::optional<int64_t>(id);
}

Result<std::optional<std::pair<int64_t, int64_t>>> PgStore::OrderKey(
    const std::string& external_id) {
  Params p;
  p.Add(external_id);
  if (auto it = order_keys_.find(external_id); it != order_keys_.end()) return it->second;
  auto rows = db_->Query("SELECT customer_id, id FROM orders WHERE external_id = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<std::pair<int64_t, int64_t>>();
  const std::pair key(rows->Int(0, 0), rows->Int(0, 1));
  if (in_write_ && order_keys_.size() < kMaxCachedIds) order_keys_[external_id] = key;
  return std::optional<std::pair<int64_t, int64_t>>(key);
}

Result<UpsertEffect> PgStore::UpsertOrder(const model::Order& o) {
  auto cid = CustomerId(o.customer_external_id);
  if (!cid) return core::Err(cid.error());
  if (!*cid) return core::Err(core::NotFound("unknown customer '" + o.customer_external_id + "'"));
  Params p;
  AddOrderParams(p, o, **cid);
  order_keys_.erase(o.external_id);  // it may move to another customer
  return InsertOrUpdate(kInsertOrder, kUpdateOrder, p);
}

Result<UpsertEffect> PgStore::UpsertOrderLine(const model::OrderLine& l) {
  if (auto s = LineNumberInRange(l); !s.ok()) return core::Err(s);
  auto key = OrderKey(l.order_external_id);
  if (!key) return core::Err(key.error());
  if (!*key) return core::Err(core::NotFound("unknown order '" + l.order_external_id + "'"));
  Params p;
  AddLineParams(p, l, **key);
  return InsertOrUpdate(kInsertLine, kUpdateLine, p);
}

Result<UpsertEffect> PgStore::UpsertReturn(const model::Return& r) {
  std::optional<int64_t> order_id;
  if (!r.order_external_id.empty()) {
    auto key = OrderKey(r.order_external_id);
    if (!key) return core::Err(key.error());
    if (!*key) return core::Err(core::NotFound("unknown order '" + r.order_external_id + "'"));
    order_id = (*key)->second;
  }
  auto cid = CustomerId(r.customer_external_id);
  if (!cid) return core::Err(cid.error());
  if (!*cid) return core::Err(core::NotFound("unknown customer '" + r.customer_external_id + "'"));
  Params p;
  p.Add(r.external_id);
  if (order_id) {
    p.Add(*order_id);
  } else {
    p.Null();
  }
  p.Add(**cid)
      .Add(core::FormatTimestamp(r.returned_at))
      .Add(static_cast<int64_t>(r.returned_at.day))
      .Add(r.amount_minor)
      .AddOrNull(r.sku);
  if (r.quantity != 0) {
    p.Add(static_cast<int64_t>(r.quantity));
  } else {
    p.Null();
  }
  p.AddOrNull(r.reason);
  return InsertOrUpdate(kInsertReturn, kUpdateReturn, p);
}

Result<bool> PgStore::CustomerExists(const std::string& external_id) {
  auto id = CustomerId(external_id);
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Result<bool> PgStore::OrderExists(const std::string& external_id) {
  auto key = OrderKey(external_id);
  if (!key) return core::Err(key.error());
  return key->has_value();
}

Result<bool> PgStore::ReturnExists(const std::string& external_id) {
  Params p;
  p.Add(external_id);
  auto rows = db_->Query("SELECT 1 FROM returns WHERE external_id = $1", p);
  if (!rows) return core::Err(rows.error());
  return !rows->empty();
}

Result<std::optional<std::string>> PgStore::CustomerOfOrder(const std::string& order_id) {
  Params p;
  p.Add(order_id);
  auto rows = db_->Query(
      "SELECT c.external_id FROM orders o JOIN customers c ON c.id = o.customer_id "
      "WHERE o.external_id = $1",
      p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->Text(0, 0));
}

Result<int64_t> PgStore::DataVersion() {
  auto rows = db_->Query("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'data_version'");
  if (!rows) return core::Err(rows.error());
  return rows->empty() ? 0 : rows->Int(0, 0);
}

Result<std::string> PgStore::DatabaseId() {
  auto rows = db_->Query("SELECT value FROM meta WHERE key = 'database_id'");
  if (!rows) return core::Err(rows.error());
  return rows->empty() ? std::string() : rows->Text(0, 0);
}

Result<std::string> PgStore::KeepMetaValue(const std::string& key, const std::string& proposed) {
  Params p;
  p.Add(key);
  p.Add(proposed);
  auto insert =
      db_->Query("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", p);
  if (!insert) return core::Err(insert.error());
  Params k;
  k.Add(key);
  auto rows = db_->Query("SELECT value FROM meta WHERE key = $1", k);
  if (!rows) return core::Err(rows.error());
  return rows->empty() ? proposed : rows->Text(0, 0);
}

// PostgreSQL commits are durable by default (synchronous_commit = on); this
// makes sure a server configuration that turned it off does not apply here.
Status PgStore::RequireDurableCommits() { return db_->Exec("SET synchronous_commit = on"); }

}  // namespace retain::storage::postgres
