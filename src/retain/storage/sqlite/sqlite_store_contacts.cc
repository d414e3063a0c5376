// Contact storage of SqliteStore: consents and their history, interactions,
// the audit log and the suppression list.
#include "retain/storage/listening_sql.h"
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

// Columns of a consent (current or in the history) after the customer's external id.
constexpr const char* kConsentColumns =
    "SELECT c.external_id, x.channel, x.status, x.basis, x.source, x.changed_at, "
    "x.confirmed_at, x.proof, x.actor FROM ";

ConsentRecord ConsentFromRow(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4),
          st.Text(5), st.Text(6), st.Text(7), st.Text(8)};
}

constexpr const char* kInteractionColumns =
    "SELECT c.external_id, i.day, i.kind, i.channel, i.reference, i.detail, i.status, "
    "i.created_at, i.id FROM interactions i JOIN customers c ON c.id = i.customer_id ";

InteractionRecord InteractionFromRow(const Statement& st) {
  return {st.Text(0), static_cast<core::Day>(st.Int(1)),
          st.Text(2), st.Text(3),
          st.Text(4), st.Text(5),
          st.Text(6), st.Text(7),
          st.Int(8)};
}

// The consents `st` finds for the customer (bound as ?1).
Result<std::vector<ConsentRecord>> CollectConsents(Statement& st, const std::string& customer_id) {
  st.Bind(1, customer_id);
  std::vector<ConsentRecord> out;
  if (auto s = EachRow(st, [&] { out.push_back(ConsentFromRow(st)); }); !s.ok()) {
    return core::Err(s);
  }
  return out;
}

// Binds the consent's fields (after the customer) as ?2..?9.
void BindConsent(Statement& st, int64_t customer, const ConsentRecord& r) {
  st.Bind(1, customer);
  st.Bind(2, r.channel);
  st.Bind(3, r.status);
  st.Bind(4, r.basis);
  st.Bind(5, r.source);
  st.Bind(6, r.changed_at);
  st.Bind(7, r.confirmed_at);
  st.Bind(8, r.proof);
  st.Bind(9, r.actor);
}

}  // namespace

Status SqliteStore::SaveConsent(const ConsentRecord& r) {
  static constexpr const char* kCurrent =
      "INSERT INTO consents(customer_id, channel, status, basis, source, changed_at, "
      "confirmed_at, proof, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT(customer_id, channel) DO UPDATE SET status = excluded.status, "
      "basis = excluded.basis, source = excluded.source, changed_at = excluded.changed_at, "
      "confirmed_at = excluded.confirmed_at, proof = excluded.proof, actor = excluded.actor";
  static constexpr const char* kHistory =
      "INSERT INTO consent_events(customer_id, channel, status, basis, source, changed_at, "
      "confirmed_at, proof, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  auto id = RequireCustomerId(r.customer_id);
  if (!id) return id.error();
  for (const char* sql : {kCurrent, kHistory}) {
    auto st = Cached(sql);
    if (!st) return st.error();
    ResetOnExit reset(**st);
    BindConsent(**st, *id, r);
    if (auto s = (*st)->Run(); !s.ok()) return s;
  }
  return {};
}

Result<std::vector<ConsentRecord>> SqliteStore::CustomerConsents(const std::string& customer_id) {
  static const std::string kSql = std::string(kConsentColumns) +
                                  "consents x JOIN customers c ON c.id = x.customer_id "
                                  "WHERE c.external_id = ?1 ORDER BY x.channel";
  auto st = Cached(kSql.c_str());
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  return CollectConsents(**st, customer_id);
}

Result<std::vector<ConsentRecord>> SqliteStore::ConsentHistory(const std::string& customer_id) {
  Statement st;
  const std::string sql = std::string(kConsentColumns) +
                          "consent_events x JOIN customers c ON c.id = x.customer_id "
                          "WHERE c.external_id = ?1 ORDER BY x.id";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return core::Err(s);
  return CollectConsents(st, customer_id);
}

Status SqliteStore::ScanConsents(const std::function<void(const ConsentRecord&)>& fn) {
  Statement st;
  const std::string sql = std::string(kConsentColumns) +
                          "consents x JOIN customers c ON c.id = x.customer_id "
                          "ORDER BY x.customer_id, x.channel";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return s;
  return EachRow(st, [&] { fn(ConsentFromRow(st)); });
}

Status SqliteStore::SaveInteraction(const InteractionRecord& r) {
  static constexpr const char* kSql =
      "INSERT INTO interactions(customer_id, day, kind, channel, reference, detail, status, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";
  auto id = RequireCustomerId(r.customer_id);
  if (!id) return id.error();
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, *id);
  (*st)->Bind(2, int64_t{r.day});
  (*st)->Bind(3, r.kind);
  (*st)->Bind(4, r.channel);
  (*st)->Bind(5, r.reference);
  (*st)->Bind(6, r.detail);
  (*st)->Bind(7, r.status);
  (*st)->Bind(8, r.created_at);
  if (auto s = (*st)->Run(); !s.ok()) return s;
  if (sqlite3_changes(db_) == 0) {
    return core::AlreadyExists("a " + r.kind + " contact of '" + r.customer_id + "' on " +
                               core::FormatDay(r.day) + " is recorded already");
  }
  return {};
}

Status SqliteStore::ScanInteractions(const std::function<void(const InteractionRecord&)>& fn) {
  Statement st;
  const std::string sql = std::string(kInteractionColumns) + "ORDER BY i.customer_id, i.day, i.id";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return s;
  return EachRow(st, [&] { fn(InteractionFromRow(st)); });
}

Result<std::vector<InteractionRecord>> SqliteStore::CustomerInteractions(
    const std::string& customer_id) {
  Statement st;
  const std::string sql =
      std::string(kInteractionColumns) + "WHERE c.external_id = ?1 ORDER BY i.day, i.id";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return core::Err(s);
  st.Bind(1, customer_id);
  std::vector<InteractionRecord> out;
  if (auto s = EachRow(st, [&] { out.push_back(InteractionFromRow(st)); }); !s.ok()) {
    return core::Err(s);
  }
  return out;
}

Result<std::vector<InteractionRecord>> SqliteStore::InteractionsOn(core::Day day) {
  Statement st;
  const std::string sql = std::string(kInteractionColumns) + "WHERE i.day = ?1 ORDER BY i.id";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return core::Err(s);
  st.Bind(1, int64_t{day});
  std::vector<InteractionRecord> out;
  if (auto s = EachRow(st, [&] { out.push_back(InteractionFromRow(st)); }); !s.ok()) {
    return core::Err(s);
  }
  return out;
}

Result<bool> SqliteStore::SetInteractionStatus(int64_t id, const std::string& from,
                                               const std::string& to, const std::string& detail) {
  auto st =
      Cached("UPDATE interactions SET status = ?3, detail = ?4 WHERE id = ?1 AND status = ?2");
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, id);
  (*st)->Bind(2, from);
  (*st)->Bind(3, to);
  (*st)->Bind(4, detail);
  if (auto s = (*st)->Run(); !s.ok()) return core::Err(s);
  return sqlite3_changes(db_) > 0;
}

Status SqliteStore::ScanOrdersBetween(core::Day from, core::Day to,
                                      const std::function<void(const OrderStatusFact&)>& fn) {
  Statement st;
  if (auto s =
          st.Prepare(db_,
                     "SELECT c.external_id, o.external_id, o.day, COALESCE(o.status, ''), "
                     "o.total_minor, o.channel, COALESCE(o.store_id, '') FROM orders o INDEXED BY "
                     "orders_by_day JOIN customers c ON "
                     "c.id = o.customer_id WHERE o.day BETWEEN ?1 AND ?2 ORDER BY o.day, o.id");
      !s.ok()) {
    return s;
  }
  st.Bind(1, int64_t{from});
  st.Bind(2, int64_t{to});
  return EachRow(st, [&] {
    fn({st.Text(0), st.Text(1), static_cast<core::Day>(st.Int(2)), st.Text(3), st.Int(4),
        st.Text(5), st.Text(6)});
  });
}

Status SqliteStore::AppendAudit(const AuditRecord& a) {
  static constexpr const char* kSql =
      "INSERT INTO audit_log(at, actor, action, customer_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)";
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, a.at);
  (*st)->Bind(2, a.actor);
  (*st)->Bind(3, a.action);
  (*st)->Bind(4, a.customer_id);
  (*st)->Bind(5, a.detail);
  return (*st)->Run();
}

Result<std::vector<AuditRecord>> SqliteStore::AuditEntries(const std::string& customer_id,
                                                           int64_t after_id, int limit) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT id, at, actor, action, customer_id, detail FROM audit_log "
                          "WHERE id > ?1 AND (?2 = '' OR customer_id = ?2) ORDER BY id LIMIT ?3");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, after_id);
  st.Bind(2, customer_id);
  st.Bind(3, int64_t{limit});
  std::vector<AuditRecord> out;
  auto s = EachRow(st, [&] {
    out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)});
  });
  if (!s.ok()) return core::Err(s);
  return out;
}

Status SqliteStore::AddSuppression(const std::string& hash, const std::string& reason,
                                   const std::string& at) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "INSERT INTO suppressions(hash, reason, at) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT DO NOTHING");
      !s.ok()) {
    return s;
  }
  st.Bind(1, hash);
  st.Bind(2, reason);
  st.Bind(3, at);
  return st.Run();
}

Result<bool> SqliteStore::EraseCustomer(const std::string& external_id,
                                        const std::string& pseudonym) {
  int64_t id = 0;
  {
    Statement find;
    if (auto s = find.Prepare(db_, "SELECT id FROM customers WHERE external_id = ?1"); !s.ok()) {
      return core::Err(s);
    }
    find.Bind(1, external_id);
    auto row = find.Step();
    if (!row) return core::Err(row.error());
    if (!*row) return false;
    id = find.Int(0);
  }
  static constexpr const char* kSql[] = {
      "UPDATE loyalty_purchases SET customer_id = ?2 WHERE customer_id = ?1",
      "UPDATE loyalty_members SET referred_by = ?2 WHERE referred_by = ?1",
      "UPDATE audit_log SET customer_id = ?2 WHERE customer_id = ?1",
      "UPDATE interactions SET detail = '' WHERE customer_id = ?3",
      "UPDATE customers SET external_id = ?2, first_name = NULL, last_name = NULL, email = NULL, "
      "phone = NULL, street = NULL, postal_code = NULL, city = NULL, birth_date = NULL, "
      "gender = NULL, company = NULL, tags = NULL, attributes = NULL, referral_source = NULL "
      "WHERE id = ?3"};
  for (const char* sql : kSql) {
    Statement st;
    if (auto s = st.Prepare(db_, sql); !s.ok()) return core::Err(s);
    st.Bind(1, external_id);
    st.Bind(2, pseudonym);
    st.Bind(3, id);
    if (auto s = st.Run(); !s.ok()) return core::Err(s);
  }
  for (const char* sql : kEraseListeningSql) {
    Statement st;
    if (auto s = st.Prepare(db_, sql); !s.ok()) return core::Err(s);
    st.Bind(1, id);
    if (auto s = st.Run(); !s.ok()) return core::Err(s);
  }
  customer_ids_.Clear();
  dirty_ = true;
  return true;
}

Result<bool> SqliteStore::IsSuppressed(const std::string& hash) {
  auto st = Cached("SELECT 1 FROM suppressions WHERE hash = ?1");
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, hash);
  auto row = (*st)->Step();
  if (!row) return core::Err(row.error());
  return *row;
}

}  // namespace retain::storage::sqlite
