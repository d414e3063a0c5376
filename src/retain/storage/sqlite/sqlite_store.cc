#include "retain/storage/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "retain/storage/sqlite/customer_codec.h"
#include "retain/storage/sqlite/migrations.h"

namespace retain::storage::sqlite {
namespace {

constexpr const char* kInsertCustomer =
    "INSERT INTO customers(external_id, first_name, last_name, email, phone, street, "
    "postal_code, city, country, birth_date, gender, language, kind, company, tags, attributes, "
    "consent_email, consent_sms, consent_phone, consent_letter, referral_source, created_day) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, COALESCE(?13, 'b2c'), ?14, ?15, "
    "?16, ?17, ?18, ?19, ?20, ?21, ?22) ON CONFLICT(external_id) DO NOTHING";

// Empty (NULL) import fields keep what is stored: an orders-only import never
// blanks a profile.
constexpr const char* kUpdateCustomer =
    "UPDATE customers SET first_name = COALESCE(?2, first_name), last_name = COALESCE(?3, "
    "last_name), email = COALESCE(?4, email), phone = COALESCE(?5, phone), street = "
    "COALESCE(?6, street), postal_code = COALESCE(?7, postal_code), city = COALESCE(?8, city), "
    "country = COALESCE(?9, country), birth_date = COALESCE(?10, birth_date), gender = "
    "COALESCE(?11, gender), language = COALESCE(?12, language), kind = COALESCE(?13, kind), "
    "company = COALESCE(?14, company), tags = COALESCE(?15, tags), attributes = COALESCE(?16, "
    "attributes), consent_email = COALESCE(?17, consent_email), consent_sms = COALESCE(?18, "
    "consent_sms), consent_phone = COALESCE(?19, consent_phone), consent_letter = COALESCE(?20, "
    "consent_letter), referral_source = COALESCE(?21, referral_source), created_day = "
    "COALESCE(?22, created_day) WHERE external_id = ?1 AND ("
    "(?2 IS NOT NULL AND first_name IS NOT ?2) OR (?3 IS NOT NULL AND last_name IS NOT ?3) OR "
    "(?4 IS NOT NULL AND email IS NOT ?4) OR (?5 IS NOT NULL AND phone IS NOT ?5) OR "
    "(?6 IS NOT NULL AND street IS NOT ?6) OR (?7 IS NOT NULL AND postal_code IS NOT ?7) OR "
    "(?8 IS NOT NULL AND city IS NOT ?8) OR (?9 IS NOT NULL AND country IS NOT ?9) OR "
    "(?10 IS NOT NULL AND birth_date IS NOT ?10) OR (?11 IS NOT NULL AND gender IS NOT ?11) OR "
    "(?12 IS NOT NULL AND language IS NOT ?12) OR (?13 IS NOT NULL AND kind IS NOT ?13) OR "
    "(?14 IS NOT NULL AND company IS NOT ?14) OR (?15 IS NOT NULL AND tags IS NOT ?15) OR "
    "(?16 IS NOT NULL AND attributes IS NOT ?16) OR (?17 IS NOT NULL AND consent_email IS NOT "
    "?17) OR (?18 IS NOT NULL AND consent_sms IS NOT ?18) OR (?19 IS NOT NULL AND consent_phone "
    "IS NOT ?19) OR (?20 IS NOT NULL AND consent_letter IS NOT ?20) OR (?21 IS NOT NULL AND "
    "referral_source IS NOT ?21) OR (?22 IS NOT NULL AND created_day IS NOT ?22))";

constexpr const char* kInsertProduct =
    "INSERT INTO products(sku, name, category, brand, price_minor) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(sku) DO NOTHING";
constexpr const char* kUpdateProduct =
    "UPDATE products SET name = ?2, category = ?3, brand = ?4, price_minor = ?5 WHERE sku = ?1 "
    "AND (name IS NOT ?2 OR category IS NOT ?3 OR brand IS NOT ?4 OR price_minor IS NOT ?5)";

constexpr const char* kInsertOrder =
    "INSERT INTO orders(external_id, customer_id, ordered_at, day, channel, store_id, currency, "
    "total_minor, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT(external_id) DO NOTHING";
constexpr const char* kUpdateOrder =
    "UPDATE orders SET customer_id = ?2, ordered_at = ?3, day = ?4, channel = ?5, store_id = ?6, "
    "currency = ?7, total_minor = ?8, status = ?9 WHERE external_id = ?1 AND (customer_id IS NOT "
    "?2 OR ordered_at IS NOT ?3 OR day IS NOT ?4 OR channel IS NOT ?5 OR store_id IS NOT ?6 OR "
    "currency IS NOT ?7 OR total_minor IS NOT ?8 OR status IS NOT ?9)";

constexpr const char* kInsertLine =
    "INSERT INTO order_lines(id, order_id, line_no, sku, name, category, brand, size, quantity, "
    "unit_price_minor, discount_minor) VALUES (?1 * 65536 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10) ON CONFLICT(id) DO NOTHING";
constexpr const char* kUpdateLine =
    "UPDATE order_lines SET sku = ?3, name = ?4, category = ?5, brand = ?6, size = ?7, quantity "
    "= ?8, unit_price_minor = ?9, discount_minor = ?10 WHERE id = ?1 * 65536 + ?2 AND "
    "(sku IS NOT ?3 OR name IS NOT ?4 OR category IS NOT ?5 OR brand IS NOT ?6 OR size IS NOT ?7 "
    "OR quantity IS NOT ?8 OR unit_price_minor IS NOT ?9 OR discount_minor IS NOT ?10)";

constexpr const char* kInsertReturn =
    "INSERT INTO returns(external_id, order_id, customer_id, returned_at, day, amount_minor, sku, "
    "quantity, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT(external_id) DO NOTHING";
constexpr const char* kUpdateReturn =
    "UPDATE returns SET order_id = ?2, customer_id = ?3, returned_at = ?4, day = ?5, amount_minor "
    "= ?6, sku = ?7, quantity = ?8, reason = ?9 WHERE external_id = ?1 AND (order_id IS NOT ?2 OR "
    "customer_id IS NOT ?3 OR returned_at IS NOT ?4 OR day IS NOT ?5 OR amount_minor IS NOT ?6 "
    "OR sku IS NOT ?7 OR quantity IS NOT ?8 OR reason IS NOT ?9)";

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, bool create) {
  if (!create && !std::filesystem::exists(path)) {
    return core::Err(core::NotFound("no database at " + path +
                                    ": create one with `retain init --db " + path +
                                    "` or pass --db / set RETAIN_DB"));
  }
  // A Store is used by one thread (store.h), so SQLite's own locking and
  // memory statistics are pure overhead on the import path.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::Err(core::IoError("cannot open " + path + ": " + msg));
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  sqlite3_busy_timeout(db, 5000);
  // Larger pages make bulk loads and full scans cheaper; only settable before
  // the first table exists (ignored otherwise).
  Exec(db, "PRAGMA page_size = 16384");
  // A file that is not a database fails on its first read.
  if (auto s = Exec(db,
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144; "
                    "PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 1073741824");
      !s.ok()) {
    return core::Err(
        core::FailedPrecondition(path + " is not a retain database (" + s.message() + ")"));
  }
  // The file grows in steps of 8 MiB: every connection maps the file into
  // memory and must map it again whenever its size changes, which stalls
  // every thread of the process (a TLB shootdown); steps make that rare.
  int chunk = 8 << 20;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
  if (auto s = Migrate(db, path); !s.ok()) return core::Err(s);
  if (auto s = store->PrepareAll(); !s.ok()) return core::Err(s);
  return store;
}

SqliteStore::~SqliteStore() {
  if (in_write_) Rollback();
  checkpointer_.reset();
  // close_v2 defers the close until the member statements are finalized.
  sqlite3_close_v2(db_);
}

Status SqliteStore::PrepareAll() {
  struct P {
    Statement* s;
    const char* sql;
  };
  const P all[] = {
      {&ins_customer_, kInsertCustomer},
      {&upd_customer_, kUpdateCustomer},
      {&ins_product_, kInsertProduct},
      {&upd_product_, kUpdateProduct},
      {&ins_order_, kInsertOrder},
      {&upd_order_, kUpdateOrder},
      {&ins_line_, kInsertLine},
      {&upd_line_, kUpdateLine},
      {&ins_return_, kInsertReturn},
      {&upd_return_, kUpdateReturn},
      {&find_customer_id_, "SELECT id FROM customers WHERE external_id = ?1"},
      {&find_order_id_, "SELECT id FROM orders WHERE external_id = ?1"},
      {&order_customer_,
       "SELECT c.external_id FROM orders o JOIN customers c ON c.id = o.customer_id "
       "WHERE o.external_id = ?1"},
  };
  for (const P& p : all) {
    if (auto s = p.s->Prepare(db_, p.sql); !s.ok()) return s;
  }
  return PrepareBatchStatements();
}

Status SqliteStore::BeginWrite() {
  if (in_write_) return core::FailedPrecondition("a write transaction is already open");
  if (in_read_) return core::FailedPrecondition("a read transaction is open");
  if (auto s = RunCached("BEGIN IMMEDIATE"); !s.ok()) return s;
  in_write_ = true;
  dirty_ = false;
  return {};
}

Status SqliteStore::BeginBulkWrite() {
  if (in_write_) return core::FailedPrecondition("a write transaction is already open");
  if (in_read_) return core::FailedPrecondition("a read transaction is open");
  Statement mode;
  if (auto s = mode.Prepare(db_, "PRAGMA journal_mode = TRUNCATE"); !s.ok()) return s;
  auto row = mode.Step();
  bulk_journal_ = row && *row && mode.TextView(0) == "truncate";
  mode.Reset();
  // Every upsert resolves its references itself (kNotFound otherwise), so the
  // per-row foreign-key probes would only repeat that work in a bulk load.
  // Only here: switching them expires every prepared statement, which the
  // server's small writes would then compile again on each commit.
  if (auto s = Exec(db_, "PRAGMA foreign_keys = OFF"); !s.ok()) {
    RestoreWal();
    return s;
  }
  bulk_keys_off_ = true;
  if (auto s = RunCached("BEGIN IMMEDIATE"); !s.ok()) {
    RestoreWal();
    return s;
  }
  in_write_ = true;
  dirty_ = false;
  return {};
}

Status SqliteStore::RunCached(const char* sql) {
  auto st = Cached(sql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  return (*st)->Run();
}

Status SqliteStore::BeginRead() {
  if (in_write_ || in_read_) return core::FailedPrecondition("a transaction is already open");
  auto begin = Cached("BEGIN");
  if (!begin) return begin.error();
  ResetOnExit reset(**begin);
  if (auto done = (*begin)->Step(); !done) return done.error();
  in_read_ = true;
  return {};
}

void SqliteStore::EndRead() {
  if (!in_read_) return;
  in_read_ = false;
  // A read-only transaction has nothing to lose: COMMIT only lets it go.
  if (auto commit = Cached("COMMIT"); commit) {
    ResetOnExit reset(**commit);
    if ((*commit)->Step()) return;
  }
  Exec(db_, "ROLLBACK");
}

void SqliteStore::RestoreWal() {
  if (bulk_keys_off_) {
    bulk_keys_off_ = false;
    Exec(db_, "PRAGMA foreign_keys = ON");
  }
  if (!bulk_journal_) return;
  bulk_journal_ = false;
  Exec(db_, "PRAGMA journal_mode = WAL");
}

Status SqliteStore::Commit() {
  if (!in_write_) return core::FailedPrecondition("no write transaction is open");
  if (dirty_) {
    if (auto s = RunCached("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                           "WHERE key = 'data_version'");
        !s.ok()) {
      Rollback();
      return s;
    }
  }
  if (auto s = RunCached("COMMIT"); !s.ok()) {
    Rollback();
    return s;
  }
  in_write_ = false;
  RestoreWal();
  return {};
}

void SqliteStore::Rollback() {
  if (!in_write_) return;
  Exec(db_, "ROLLBACK");
  in_write_ = false;
  RestoreWal();
  // Ids handed out inside the transaction are gone.
  customer_ids_.Clear();
  recent_orders_.Clear();
  last_order_ext_.clear();
}

Result<UpsertEffect> SqliteStore::InsertOrUpdate(Statement& insert, Statement& update) {
  if (auto s = insert.Run(); !s.ok()) return core::Err(s);
  if (sqlite3_changes(db_) == 1) {
    dirty_ = true;
    return UpsertEffect::kAdded;
  }
  if (auto s = update.Run(); !s.ok()) return core::Err(s);
  if (sqlite3_changes(db_) == 1) {
    dirty_ = true;
    return UpsertEffect::kUpdated;
  }
  return UpsertEffect::kUnchanged;
}

Result<UpsertEffect> SqliteStore::UpsertCustomer(const model::Customer& c) {
  for (Statement* st : {&ins_customer_, &upd_customer_}) BindCustomer(*st, c);
  auto effect = InsertOrUpdate(ins_customer_, upd_customer_);
  if (effect && *effect == UpsertEffect::kAdded) {
    customer_ids_.Put(c.external_id, sqlite3_last_insert_rowid(db_));
  }
  return effect;
}

Result<UpsertEffect> SqliteStore::UpsertProduct(const model::Product& p) {
  for (Statement* st : {&ins_product_, &upd_product_}) {
    st->Bind(1, p.sku);
    st->Bind(2, p.name, true);
    st->Bind(3, p.category, true);
    st->Bind(4, p.brand, true);
    st->Bind(5, p.price_minor);
  }
  return InsertOrUpdate(ins_product_, upd_product_);
}

Result<std::optional<int64_t>> SqliteStore::CustomerId(const std::string& external_id) {
  if (auto id = customer_ids_.Find(external_id)) return id;
  find_customer_id_.Bind(1, external_id);
  auto row = find_customer_id_.Step();
  if (!row) return core::Err(row.error());
  std::optional<int64_t> id;
  if (*row) id = find_customer_id_.Int(0);
  find_customer_id_.Reset();
  if (id) customer_ids_.Put(external_id, *id);
  return id;
}

Result<std::optional<int64_t>> SqliteStore::OrderId(const std::string& external_id) {
  if (!last_order_ext_.empty() && external_id == last_order_ext_) return last_order_id_;
  if (auto id = recent_orders_.Find(external_id)) {
    last_order_ext_ = external_id;
    last_order_id_ = *id;
    return id;
  }
  find_order_id_.Bind(1, external_id);
  auto row = find_order_id_.Step();
  if (!row) return core::Err(row.error());
  std::optional<int64_t> id;
  if (*row) id = find_order_id_.Int(0);
  find_order_id_.Reset();
  if (id) {
    if (recent_orders_.size() >= kRecentOrders) recent_orders_.Clear();
    recent_orders_.Put(external_id, *id);
    last_order_ext_ = external_id;
    last_order_id_ = *id;
  }
  return id;
}

void SqliteStore::BindOrder(Statement& st, const model::Order& o, int64_t customer_id,
                            const std::string& at) {
  st.Bind(1, o.external_id);
  st.Bind(2, customer_id);
  st.Bind(3, at);
  st.Bind(4, o.ordered_at.day);
  st.Bind(5, model::ChannelName(o.channel));
  st.Bind(6, o.store_id, true);
  st.Bind(7, o.currency);
  st.Bind(8, o.total_minor);
  st.Bind(9, o.status, true);
}

void SqliteStore::BindLine(Statement& st, const model::OrderLine& l, int64_t order_id) {
  st.Bind(1, order_id);
  st.Bind(2, l.line_no);
  st.Bind(3, l.sku, true);
  st.Bind(4, l.name, true);
  st.Bind(5, l.category, true);
  st.Bind(6, l.brand, true);
  st.Bind(7, l.size, true);
  st.Bind(8, l.quantity);
  st.Bind(9, l.unit_price_minor);
  st.Bind(10, l.discount_minor);
}

Result<UpsertEffect> SqliteStore::UpsertOrder(const model::Order& o) {
  auto cid = CustomerId(o.customer_external_id);
  if (!cid) return core::Err(cid.error());
  if (!*cid) return core::Err(core::NotFound("unknown customer '" + o.customer_external_id + "'"));
  const std::string at = core::FormatTimestamp(o.ordered_at);
  for (Statement* st : {&ins_order_, &upd_order_}) BindOrder(*st, o, **cid, at);
  return InsertOrUpdate(ins_order_, upd_order_);
}

Result<UpsertEffect> SqliteStore::UpsertOrderLine(const model::OrderLine& l) {
  if (l.line_no < 1 || l.line_no > kMaxLineNo) {
    return core::Err(core::InvalidArgument("line number " + std::to_string(l.line_no) +
                                           " is outside 1.." + std::to_string(kMaxLineNo)));
  }
  auto oid = OrderId(l.order_external_id);
  if (!oid) return core::Err(oid.error());
  if (!*oid) return core::Err(core::NotFound("unknown order '" + l.order_external_id + "'"));
  for (Statement* st : {&ins_line_, &upd_line_}) BindLine(*st, l, **oid);
  return InsertOrUpdate(ins_line_, upd_line_);
}

Result<UpsertEffect> SqliteStore::UpsertReturn(const model::Return& r) {
  std::optional<int64_t> order_id;
  if (!r.order_external_id.empty()) {
    auto oid = OrderId(r.order_external_id);
    if (!oid) return core::Err(oid.error());
    if (!*oid) return core::Err(core::NotFound("unknown order '" + r.order_external_id + "'"));
    order_id = *oid;
  }
  auto cid = CustomerId(r.customer_external_id);
  if (!cid) return core::Err(cid.error());
  if (!*cid) return core::Err(core::NotFound("unknown customer '" + r.customer_external_id + "'"));
  const std::string at = core::FormatTimestamp(r.returned_at);
  for (Statement* st : {&ins_return_, &upd_return_}) {
    st->Bind(1, r.external_id);
    if (order_id) {
      st->Bind(2, *order_id);
    } else {
      st->BindNull(2);
    }
    st->Bind(3, **cid);
    st->Bind(4, at);
    st->Bind(5, r.returned_at.day);
    st->Bind(6, r.amount_minor);
    st->Bind(7, r.sku, true);
    if (r.quantity != 0) {
      st->Bind(8, r.quantity);
    } else {
      st->BindNull(8);
    }
    st->Bind(9, r.reason, true);
  }
  return InsertOrUpdate(ins_return_, upd_return_);
}

Result<std::optional<std::string>> SqliteStore::CustomerOfOrder(const std::string& order_id) {
  order_customer_.Bind(1, order_id);
  auto row = order_customer_.Step();
  if (!row) return core::Err(row.error());
  std::optional<std::string> out;
  if (*row) out = order_customer_.Text(0);
  order_customer_.Reset();
  return out;
}

Result<Statement*> SqliteStore::Cached(const char* sql) {
  auto& slot = cached_[sql];
  if (!slot) {
    auto st = std::make_unique<Statement>();
    if (auto s = st->Prepare(db_, sql); !s.ok()) return core::Err(s);
    slot = std::move(st);
  }
  return slot.get();
}

Result<int64_t> SqliteStore::DataVersion() {
  auto cached = Cached(
      "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
      "'data_version'");
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  return *row ? st.Int(0) : 0;
}

Result<std::string> SqliteStore::DatabaseId() {
  auto cached = Cached("SELECT value FROM meta WHERE key = 'database_id'");
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  return *row ? st.Text(0) : std::string();
}

Result<std::string> SqliteStore::KeepMetaValue(const std::string& key,
                                               const std::string& proposed) {
  auto insert = Cached("INSERT OR IGNORE INTO meta(key, value) VALUES (?1, ?2)");
  if (!insert) return core::Err(insert.error());
  {
    ResetOnExit reset(**insert);
    (*insert)->Bind(1, key);
    (*insert)->Bind(2, proposed);
    if (auto s = (*insert)->Run(); !s.ok()) return core::Err(s);
  }
  auto read = Cached("SELECT value FROM meta WHERE key = ?1");
  if (!read) return core::Err(read.error());
  ResetOnExit reset(**read);
  (*read)->Bind(1, key);
  auto row = (*read)->Step();
  if (!row) return core::Err(row.error());
  return *row ? (*read)->Text(0) : proposed;
}

Status SqliteStore::ScanCustomers(const std::function<void(int64_t, const std::string&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_, "SELECT id, external_id FROM customers ORDER BY id"); !s.ok()) {
    return s;
  }
  std::string ext;
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) break;
    ext.assign(st.TextView(1));
    fn(st.Int(0), ext);
  }
  return {};
}

Status SqliteStore::ScanCustomerProfiles(
    const std::function<void(int64_t, const model::Customer&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_, kScanCustomers); !s.ok()) return s;
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) return {};
    fn(st.Int(22), ReadCustomer(st));
  }
}

Status SqliteStore::ScanOrderFacts(const std::function<void(const OrderFact&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(
          db_,
          "SELECT customer_id, day, total_minor, channel FROM orders "
          "INDEXED BY orders_by_customer ORDER BY customer_id, day, total_minor, channel");
      !s.ok()) {
    return s;
  }
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) break;
    fn(OrderFact{st.Int(0), static_cast<core::Day>(st.Int(1)), st.Int(2),
                 st.TextView(3) == "store" ? model::Channel::kStore : model::Channel::kOnline});
  }
  return {};
}

Status SqliteStore::ScanReturnFacts(const std::function<void(const ReturnFact&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT customer_id, day, amount_minor, COALESCE(sku, '') FROM returns "
                          "INDEXED BY returns_by_customer ORDER BY customer_id, day, amount_minor");
      !s.ok()) {
    return s;
  }
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) break;
    fn(ReturnFact{st.Int(0), static_cast<core::Day>(st.Int(1)), st.Int(2), st.TextView(3)});
  }
  return {};
}

Status SqliteStore::ScanLineFacts(const std::function<void(const LineFact&)>& fn) {
  // Products' categories for lines without one.
  std::unordered_map<std::string, std::string> category_of;
  Statement products;
  if (auto s = products.Prepare(db_, "SELECT sku, category FROM products WHERE category <> ''");
      !s.ok()) {
    return s;
  }
  for (;;) {
    auto row = products.Step();
    if (!row) return row.error();
    if (!*row) break;
    category_of.emplace(products.Text(0), products.Text(1));
  }
  // Orders and lines both in id order (a line's id is its order id * 65536 +
  // its number), merged: two sequential scans instead of a lookup per line.
  Statement orders, lines;
  if (auto s = orders.Prepare(db_, "SELECT id, customer_id, day FROM orders ORDER BY id");
      !s.ok()) {
    return s;
  }
  if (auto s = lines.Prepare(db_,
                             "SELECT order_id, COALESCE(sku, ''), COALESCE(category, ''), "
                             "quantity FROM order_lines ORDER BY id");
      !s.ok()) {
    return s;
  }
  int64_t order_id = -1, customer_id = 0;
  core::Day day = 0;
  for (;;) {
    auto row = lines.Step();
    if (!row) return row.error();
    if (!*row) return {};
    const int64_t wanted = lines.Int(0);
    while (order_id < wanted) {
      auto o = orders.Step();
      if (!o) return o.error();
      if (!*o) return core::Internal("order line " + std::to_string(wanted) + " has no order");
      order_id = orders.Int(0);
      customer_id = orders.Int(1);
      day = static_cast<core::Day>(orders.Int(2));
    }
    if (order_id != wanted) continue;  // cannot happen with the foreign key
    const std::string_view sku = lines.TextView(1);
    std::string_view category = lines.TextView(2);
    if (category.empty() && !sku.empty()) {
      if (auto it = category_of.find(std::string(sku)); it != category_of.end())
        category = it->second;
    }
    fn(LineFact{customer_id, order_id, day, sku, category, static_cast<int32_t>(lines.Int(3))});
  }
}

Result<std::optional<model::Customer>> SqliteStore::FindCustomer(const std::string& external_id) {
  auto cached = Cached(kSelectCustomer);
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  st.Bind(1, external_id);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<model::Customer>();
  return std::optional<model::Customer>(ReadCustomer(st));
}

Result<std::vector<OrderRecord>> SqliteStore::CustomerOrders(const std::string& external_id) {
  // Sorted here by (day, ordered_at, id): for a customer's few orders that is
  // far cheaper than SQLite's sorter.
  auto orders = Cached(
      "SELECT o.id, o.external_id, o.ordered_at, o.channel, o.store_id, o.currency, "
      "o.total_minor, o.status, o.day FROM customers c JOIN orders o ON o.customer_id = c.id "
      "WHERE c.external_id = ?1");
  if (!orders) return core::Err(orders.error());
  // Every line of the customer's orders in one statement. Line ids are
  // order_id * 65536 + line_no: each order's lines are a primary-key range.
  // Put in line order here (they come that way) rather than by a temporary
  // b-tree of every line row.
  auto lines = Cached(
      "SELECT l.id >> 16, l.line_no, l.sku, l.name, l.category, l.brand, l.size, l.quantity, "
      "l.unit_price_minor, l.discount_minor FROM customers c "
      "JOIN orders o ON o.customer_id = c.id "
      "JOIN order_lines l ON l.id BETWEEN o.id * 65536 AND o.id * 65536 + 65535 "
      "WHERE c.external_id = ?1");
  if (!lines) return core::Err(lines.error());
  struct Key {
    int64_t day;
    std::string ordered_at;
    int64_t id;
    auto operator<=>(const Key&) const = default;
  };
  std::vector<std::pair<Key, OrderRecord>> found;
  {
    Statement& st = **orders;
    ResetOnExit reset(st);
    st.Bind(1, external_id);
    for (;;) {
      auto row = st.Step();
      if (!row) return core::Err(row.error());
      if (!*row) break;
      auto& [key, rec] = found.emplace_back(Key{st.Int(8), st.Text(2), st.Int(0)}, OrderRecord{});
      rec.order.external_id = st.Text(1);
      rec.order.customer_external_id = external_id;
      if (auto ts = core::ParseTimestamp(key.ordered_at)) rec.order.ordered_at = *ts;
      rec.order.channel =
          st.TextView(3) == "store" ? model::Channel::kStore : model::Channel::kOnline;
      rec.order.store_id = st.Text(4);
      rec.order.currency = st.Text(5);
      rec.order.total_minor = st.Int(6);
      rec.order.status = st.Text(7);
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<OrderRecord> out;
  out.reserve(found.size());
  // Order id -> position in out, sorted by id; a customer has few orders.
  std::vector<std::pair<int64_t, size_t>> index;
  index.reserve(found.size());
  for (auto& [key, rec] : found) {
    index.emplace_back(key.id, out.size());
    out.push_back(std::move(rec));
  }
  if (out.empty()) return out;
  std::sort(index.begin(), index.end());
  Statement& ls = **lines;
  ResetOnExit reset_lines(ls);
  ls.Bind(1, external_id);
  OrderRecord* rec_of_last = nullptr;  // an order's lines come one after another
  int64_t last_id = -1;
  for (;;) {
    auto row = ls.Step();
    if (!row) return core::Err(row.error());
    if (!*row) break;
    const int64_t order_id = ls.Int(0);
    if (order_id != last_id) {
      auto it =
          std::lower_bound(index.begin(), index.end(), std::pair<int64_t, size_t>(order_id, 0));
      if (it == index.end() || it->first != order_id) continue;
      last_id = order_id;
      rec_of_last = &out[it->second];
    }
    OrderRecord& rec = *rec_of_last;
    model::OrderLine& l = rec.lines.emplace_back();
    l.order_external_id = rec.order.external_id;
    l.line_no = static_cast<int32_t>(ls.Int(1));
    l.sku = ls.Text(2);
    l.name = ls.Text(3);
    l.category = ls.Text(4);
    l.brand = ls.Text(5);
    l.size = ls.Text(6);
    l.quantity = static_cast<int32_t>(ls.Int(7));
    l.unit_price_minor = ls.Int(8);
    l.discount_minor = ls.Int(9);
  }
  auto by_line_no = [](const model::OrderLine& a, const model::OrderLine& b) {
    return a.line_no < b.line_no;
  };
  for (auto& rec : out) {
    if (!std::is_sorted(rec.lines.begin(), rec.lines.end(), by_line_no)) {
      std::sort(rec.lines.begin(), rec.lines.end(), by_line_no);
    }
  }
  return out;
}

Result<std::vector<model::Return>> SqliteStore::CustomerReturns(const std::string& external_id) {
  auto cached = Cached(
      "SELECT r.external_id, o.external_id, r.returned_at, r.amount_minor, "
      "r.sku, r.quantity, r.reason, r.day, r.id FROM returns r JOIN customers c ON c.id = "
      "r.customer_id LEFT JOIN orders o ON o.id = r.order_id "
      "WHERE c.external_id = ?1");
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  st.Bind(1, external_id);
  // Sorted here by (day, id), cheaper than SQLite's sorter for a few rows.
  std::vector<std::pair<std::pair<int64_t, int64_t>, model::Return>> found;
  for (;;) {
    auto row = st.Step();
    if (!row) return core::Err(row.error());
    if (!*row) break;
    auto& [key, r] = found.emplace_back(std::pair(st.Int(7), st.Int(8)), model::Return{});
    r.external_id = st.Text(0);
    r.order_external_id = st.Text(1);
    r.customer_external_id = external_id;
    if (auto ts = core::ParseTimestamp(st.TextView(2))) r.returned_at = *ts;
    r.amount_minor = st.Int(3);
    r.sku = st.Text(4);
    r.quantity = static_cast<int32_t>(st.Int(5));
    r.reason = st.Text(6);
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<model::Return> out;
  out.reserve(found.size());
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

}  // namespace retain::storage::sqlite
