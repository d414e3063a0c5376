// What the server needs of SqliteStore: customer pages, API keys and the
// stored answers to idempotent writes.
#include "retain/storage/sql_text.h"
#include "retain/storage/sqlite/customer_codec.h"
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

ApiKeyRecord ApiKeyFromRow(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)};
}

#define RETAIN_API_KEY_COLUMNS \
  "SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_keys "
constexpr const char* kFindApiKey = RETAIN_API_KEY_COLUMNS "WHERE id = ?1";
constexpr const char* kListApiKeys = RETAIN_API_KEY_COLUMNS "ORDER BY created_at, id";
#undef RETAIN_API_KEY_COLUMNS

}  // namespace

Result<std::vector<CustomerRow>> SqliteStore::ListCustomers(int64_t after_id, int limit,
                                                            const std::string& search) {
  Statement st;
  if (auto s = st.Prepare(db_, kPageCustomers); !s.ok()) return core::Err(s);
  st.Bind(1, after_id);
  st.Bind(2, std::string_view(search), true);
  if (!search.empty()) st.Bind(3, ContainsPattern(search));
  st.Bind(4, static_cast<int64_t>(limit));
  std::vector<CustomerRow> out;
  for (;;) {
    auto row = st.Step();
    if (!row) return core::Err(row.error());
    if (!*row) return out;
    out.push_back({st.Int(22), ReadCustomer(st)});
  }
}

Result<bool> SqliteStore::ReturnExists(const std::string& external_id) {
  Statement st;
  if (auto s = st.Prepare(db_, "SELECT 1 FROM returns WHERE external_id = ?1"); !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, external_id);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  return *row;
}

Status SqliteStore::SaveApiKey(const ApiKeyRecord& key) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "INSERT INTO api_keys(id, name, role, secret_hash, created_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)");
      !s.ok()) {
    return s;
  }
  st.Bind(1, key.id);
  st.Bind(2, key.name);
  st.Bind(3, key.role);
  st.Bind(4, key.secret_hash);
  st.Bind(5, key.created_at);
  return st.Run();
}

Result<std::optional<ApiKeyRecord>> SqliteStore::FindApiKey(const std::string& id) {
  auto cached = Cached(kFindApiKey);
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  st.Bind(1, id);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(ApiKeyFromRow(st));
}

Result<std::vector<ApiKeyRecord>> SqliteStore::ListApiKeys() {
  Statement st;
  if (auto s = st.Prepare(db_, kListApiKeys); !s.ok()) return core::Err(s);
  std::vector<ApiKeyRecord> out;
  for (;;) {
    auto row = st.Step();
    if (!row) return core::Err(row.error());
    if (!*row) return out;
    out.push_back(ApiKeyFromRow(st));
  }
}

Result<bool> SqliteStore::RevokeApiKey(const std::string& id, const std::string& at) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "UPDATE api_keys SET revoked_at = ?2 "
                          "WHERE id = ?1 AND revoked_at IS NULL");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, id);
  st.Bind(2, at);
  if (auto s = st.Run(); !s.ok()) return core::Err(s);
  return sqlite3_changes(db_) > 0;
}

Result<std::optional<IdempotencyRecord>> SqliteStore::FindIdempotency(const std::string& scope,
                                                                      const std::string& key) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT request_hash, outcome, response, created_at "
                          "FROM idempotency_keys WHERE scope = ?1 AND key = ?2");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, scope);
  st.Bind(2, key);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<IdempotencyRecord>();
  return std::optional<IdempotencyRecord>(IdempotencyRecord{
      scope, key, st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3)});
}

Status SqliteStore::SaveIdempotency(const IdempotencyRecord& r) {
  if (!in_write_) return core::FailedPrecondition("SaveIdempotency needs a write transaction");
  Statement st;
  if (auto s = st.Prepare(db_,
                          "INSERT INTO idempotency_keys(scope, key, request_hash, outcome, "
                          "response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                          "ON CONFLICT DO NOTHING");
      !s.ok()) {
    return s;
  }
  st.Bind(1, r.scope);
  st.Bind(2, r.key);
  st.Bind(3, r.request_hash);
  st.Bind(4, static_cast<int64_t>(r.outcome));
  st.Bind(5, r.response);
  st.Bind(6, r.created_at);
  if (auto s = st.Run(); !s.ok()) return s;
  if (sqlite3_changes(db_) == 0) {
    return core::FailedPrecondition("idempotency key '" + r.key + "' was used already");
  }
  return {};
}

Status SqliteStore::RequireDurableCommits() {
  // A server's writer commits small groups all the time. SQLite's automatic
  // checkpoint would run inside the commit that fills the log, and every
  // write queued behind it would wait: the Checkpointer does the copying on
  // a thread of its own (scripts/bench_loyalty.sh: p99 of loyalty purchases).
  if (auto s = Exec(db_, "PRAGMA synchronous = FULL"); !s.ok()) return s;
  if (checkpointer_) return {};
  auto started = Checkpointer::Start(db_);
  if (!started) return started.error();
  checkpointer_ = std::move(*started);
  return {};
}

std::optional<Checkpointer::Counts> SqliteStore::checkpoint_counts() const {
  if (!checkpointer_) return std::nullopt;
  return checkpointer_->counts();
}

}  // namespace retain::storage::sqlite

namespace retain::storage::sqlite {

// Shared with PostgreSQL (the dialects agree here): per customer and day, then
// per customer. Uses the covering index orders_by_customer.
Status SqliteStore::ScanPurchaseSummaries(core::Day through,
                                          const std::function<void(const PurchaseSummary&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT customer_id, MIN(day), MAX(day), COUNT(*), SUM(amount), "
                          "SUM(CASE WHEN day = first_day THEN amount ELSE 0 END) FROM ("
                          "SELECT customer_id, day, SUM(total_minor) AS amount, "
                          "MIN(day) OVER (PARTITION BY customer_id) AS first_day "
                          "FROM orders WHERE day <= ?1 GROUP BY customer_id, day) AS d "
                          "GROUP BY customer_id ORDER BY customer_id");
      !s.ok()) {
    return s;
  }
  st.Bind(1, static_cast<int64_t>(through));
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) return {};
    fn(PurchaseSummary{st.Int(0), static_cast<core::Day>(st.Int(1)),
                       static_cast<core::Day>(st.Int(2)), st.Int(3), st.Int(4), st.Int(5)});
  }
}

}  // namespace retain::storage::sqlite
