#include "retain/storage/sqlite/migrations.h"

#include <string>

#include "retain/storage/sql_text.h"
#include "retain/storage/sqlite/statement.h"

namespace retain::storage::sqlite {
namespace {

// Each entry is one migration; never edit a released one, append a new one.
constexpr const char* kMigrations[] = {
    // 1: the customer base.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  first_name TEXT, last_name TEXT, email TEXT, phone TEXT,
  street TEXT, postal_code TEXT, city TEXT, country TEXT,
  birth_date INTEGER, gender TEXT, language TEXT,
  kind TEXT NOT NULL DEFAULT 'b2c', company TEXT,
  tags TEXT, attributes TEXT,
  consent_email TEXT, consent_sms TEXT, consent_phone TEXT, consent_letter TEXT,
  referral_source TEXT, created_day INTEGER
);
CREATE TABLE products (
  sku TEXT PRIMARY KEY, name TEXT, category TEXT, brand TEXT, price_minor INTEGER NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  ordered_at TEXT NOT NULL,
  day INTEGER NOT NULL,
  channel TEXT NOT NULL,
  store_id TEXT,
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  status TEXT
);
CREATE INDEX orders_by_customer ON orders(customer_id, day, total_minor, channel);
CREATE TABLE order_lines (
  -- order_id * 65536 + line_no: an integer key keeps inserts on SQLite's
  -- append path and an order's lines in one range.
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  sku TEXT, name TEXT, category TEXT, brand TEXT, size TEXT,
  quantity INTEGER NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL
);
CREATE TABLE returns (
  id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE,
  order_id INTEGER REFERENCES orders(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  returned_at TEXT NOT NULL,
  day INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  sku TEXT, quantity INTEGER, reason TEXT
);
CREATE INDEX returns_by_customer ON returns(customer_id, day, amount_minor);
)sql",
    // 2: fitted lifetime-value models.
    R"sql(
CREATE TABLE clv_models (
  id INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  fit_json TEXT NOT NULL,
  fitted_at TEXT NOT NULL
);
CREATE INDEX clv_models_by_name ON clv_models(model, id);
)sql",
    // 3: per-customer lifetime-value forecasts (the latest `clv score` run).
    R"sql(
CREATE TABLE clv_score_runs (
  id INTEGER PRIMARY KEY,
  scored_at TEXT NOT NULL,
  as_of INTEGER NOT NULL,
  horizon_months INTEGER NOT NULL,
  discount_monthly REAL NOT NULL,
  high_risk_below REAL NOT NULL,
  medium_risk_below REAL NOT NULL,
  bgnbd_model_id INTEGER REFERENCES clv_models(id),
  gammagamma_model_id INTEGER REFERENCES clv_models(id)
);
CREATE TABLE clv_scores (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  run_id INTEGER NOT NULL REFERENCES clv_score_runs(id),
  p_alive REAL NOT NULL,
  expected_30d REAL NOT NULL,
  expected_90d REAL NOT NULL,
  expected_365d REAL NOT NULL,
  expected_horizon REAL NOT NULL,
  expected_value_minor INTEGER NOT NULL,
  clv_minor INTEGER NOT NULL,
  risk TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high'))
);
)sql",
    // 4: saved segments (rules over customer figures).
    R"sql(
CREATE TABLE segments (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  rule TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
)sql",
    // 5: API keys (hashes only) and the stored answers to idempotent writes.
    R"sql(
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'shop')),
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  outcome INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
)sql",
    // 6: the Kunden-Club: members, their append-only ledger, purchases and
    // returns that moved points, vouchers and the answers to requests.
    R"sql(
CREATE TABLE loyalty_members (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  enrolled_at TEXT NOT NULL,
  enrolled_day INTEGER NOT NULL,
  referred_by TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL,
  tier_since INTEGER NOT NULL,
  tier_held_until INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE loyalty_entries (
  customer_id INTEGER NOT NULL REFERENCES loyalty_members(customer_id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  kind TEXT NOT NULL
    CHECK (kind IN ('earn', 'bonus', 'reverse', 'redeem', 'restore', 'expire')),
  day INTEGER NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  reference TEXT NOT NULL,
  available_from INTEGER NOT NULL DEFAULT 0,
  expires_after INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY (customer_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER loyalty_entries_no_update BEFORE UPDATE ON loyalty_entries
BEGIN SELECT RAISE(ABORT, 'loyalty entries are append-only'); END;
CREATE TRIGGER loyalty_entries_no_delete BEFORE DELETE ON loyalty_entries
BEGIN SELECT RAISE(ABORT, 'loyalty entries are append-only'); END;
CREATE TABLE loyalty_purchases (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  points INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE loyalty_returns (
  return_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES loyalty_purchases(order_id),
  amount_cents INTEGER NOT NULL,
  points INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX loyalty_returns_by_order ON loyalty_returns(order_id);
CREATE TABLE loyalty_vouchers (
  code TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES loyalty_members(customer_id),
  request_id TEXT NOT NULL UNIQUE,
  points INTEGER NOT NULL,
  value_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  issued_day INTEGER NOT NULL,
  expires_day INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('issued', 'used', 'cancelled')),
  order_id TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL
);
CREATE INDEX loyalty_vouchers_by_customer ON loyalty_vouchers(customer_id, issued_day);
CREATE TABLE loyalty_requests (
  kind TEXT NOT NULL,
  request_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  answer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kind, request_key)
) WITHOUT ROWID;
)sql",
    // 7: contacts: consents per customer and channel with their history
    // (append-only), the contacts made, the audit log and the suppression
    // list of erased addresses (hashed).
    R"sql(
CREATE TABLE consents (
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'letter')),
  status TEXT NOT NULL CHECK (status IN ('granted', 'denied', 'revoked')),
  basis TEXT NOT NULL,
  source TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,
  proof TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (customer_id, channel)
) WITHOUT ROWID;
CREATE TABLE consent_events (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  basis TEXT NOT NULL,
  source TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,
  proof TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX consent_events_by_customer ON consent_events(customer_id, id);
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TABLE interactions (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  day INTEGER NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT ''
    CHECK (channel IN ('', 'email', 'sms', 'phone', 'letter')),
  reference TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (customer_id, day, kind, reference)
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  customer_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_customer ON audit_log(customer_id, id);
CREATE TABLE suppressions (
  hash TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 8: the contact calendar reads the recent orders (problems, feedback)
    // and a day's contacts (sending).
    R"sql(
CREATE INDEX orders_by_day ON orders(day);
CREATE INDEX interactions_by_day ON interactions(day, id);
)sql",
    // 9: listening: feedback answers, follow-up tasks, service conversations.
    R"sql(
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  order_id TEXT NOT NULL DEFAULT '',
  request_id INTEGER UNIQUE,
  external_id TEXT UNIQUE,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT NOT NULL DEFAULT '',
  sales_channel TEXT NOT NULL DEFAULT '',
  store TEXT NOT NULL DEFAULT '',
  via TEXT NOT NULL,
  day INTEGER NOT NULL,
  answered_at TEXT NOT NULL
);
CREATE INDEX feedback_by_day ON feedback(day, id);
CREATE INDEX feedback_by_customer ON feedback(customer_id, id);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  kind TEXT NOT NULL,
  reference TEXT,
  reason TEXT NOT NULL DEFAULT '',
  due INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  assignee TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  done_at TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, reference)
);
CREATE INDEX tasks_by_status ON tasks(status, id);
CREATE INDEX tasks_by_customer ON tasks(customer_id, id);
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  topic TEXT NOT NULL,
  complaint INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'closed')),
  assignee TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  day INTEGER NOT NULL,
  opened_at TEXT NOT NULL,
  first_response_at TEXT NOT NULL DEFAULT '',
  closed_at TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX conversations_by_customer ON conversations(customer_id, id);
CREATE INDEX conversations_by_status ON conversations(status, id);
CREATE INDEX conversations_by_day ON conversations(day, id);
)sql",
};

constexpr int kCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

}  // namespace

int LatestSchemaVersion() { return kCount; }

core::Status Migrate(sqlite3* db, const std::string& path) {
  Statement version;
  if (auto s = version.Prepare(db, "PRAGMA user_version"); !s.ok()) return s;
  auto row = version.Step();
  if (!row) return row.error();
  const int current = static_cast<int>(version.Int(0));
  version.Reset();
  if (current > kCount) {
    return core::FailedPrecondition(path + " has schema version " + std::to_string(current) +
                                    ", but this retain knows only " + "versions up to " +
                                    std::to_string(kCount) + ": install a newer retain to open it");
  }
  if (current == kCount) return {};
  if (auto s = Exec(db, "BEGIN IMMEDIATE"); !s.ok()) return s;
  for (int v = current; v < kCount; ++v) {
    if (auto s = Exec(db, kMigrations[v]); !s.ok()) {
      Exec(db, "ROLLBACK");
      return s.WithPrefix("migration " + std::to_string(v + 1) + " of " + path);
    }
  }
  if (current == 0) {
    Statement meta;
    if (auto s = meta.Prepare(db,
                              "INSERT INTO meta(key, value) VALUES ('database_id', ?), "
                              "('data_version', '0')");
        !s.ok()) {
      Exec(db, "ROLLBACK");
      return s;
    }
    meta.Bind(1, RandomDatabaseId());
    if (auto s = meta.Run(); !s.ok()) {
      Exec(db, "ROLLBACK");
      return s;
    }
  }
  const std::string set = "PRAGMA user_version = " + std::to_string(kCount);
  if (auto s = Exec(db, set.c_str()); !s.ok()) {
    Exec(db, "ROLLBACK");
    return s;
  }
  return Exec(db, "COMMIT");
}

}  // namespace retain::storage::sqlite
