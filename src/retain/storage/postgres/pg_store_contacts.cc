// Contact storage of PgStore: consents and their history, interactions, the
// audit log and the suppression list.
#include "retain/storage/listening_sql.h"
#include "retain/storage/postgres/pg_store.h"

namespace retain::storage::postgres {
namespace {

constexpr const char* kConsentColumns =
    "SELECT c.external_id, x.channel, x.status, x.basis, x.source, x.changed_at, "
    "x.confirmed_at, x.proof, x.actor FROM ";

ConsentRecord ConsentFromRow(const Rows& rows, int r) {
  return {rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4),
          rows.Text(r, 5), rows.Text(r, 6), rows.Text(r, 7), rows.Text(r, 8)};
}

constexpr const char* kInteractionColumns =
    "SELECT c.external_id, i.day, i.kind, i.channel, i.reference, i.detail, i.status, "
    "i.created_at, i.id FROM interactions i JOIN customers c ON c.id = i.customer_id ";

InteractionRecord InteractionFromRow(const Rows& rows, int r) {
  return {rows.Text(r, 0), static_cast<core::Day>(rows.Int(r, 1)),
          rows.Text(r, 2), rows.Text(r, 3),
          rows.Text(r, 4), rows.Text(r, 5),
          rows.Text(r, 6), rows.Text(r, 7),
          rows.Int(r, 8)};
}

template <class T, class FromRow>
Result<std::vector<T>> All(const Result<Rows>& rows, FromRow from_row) {
  if (!rows) return core::Err(rows.error());
  std::vector<T> out;
  for (int r = 0; r < rows->size(); ++r) out.push_back(from_row(*rows, r));
  return out;
}

// The customer's rows of `table` (consents or their history) in `order`.
Result<std::vector<ConsentRecord>> ConsentsOf(Connection& db, const char* table, const char* order,
                                              const std::string& customer_id) {
  Params p;
  p.Add(customer_id);
  return All<ConsentRecord>(db.Query(std::string(kConsentColumns) + table +
                                         " x JOIN customers c ON c.id = x.customer_id "
                                         "WHERE c.external_id = $1 ORDER BY " +
                                         order,
                                     p),
                            ConsentFromRow);
}

}  // namespace

Status PgStore::SaveConsent(const ConsentRecord& c) {
  auto id = RequireCustomerId(c.customer_id);
  if (!id) return id.error();
  Params p;
  p.Add(*id).Add(c.channel).Add(c.status).Add(c.basis).Add(c.source).Add(c.changed_at);
  p.Add(c.confirmed_at).Add(c.proof).Add(c.actor);
  auto r = db_->Query(
      "WITH latest AS (INSERT INTO consents(customer_id, channel, status, basis, source, "
      "changed_at, confirmed_at, proof, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "ON CONFLICT (customer_id, channel) DO UPDATE SET status = excluded.status, "
      "basis = excluded.basis, source = excluded.source, changed_at = excluded.changed_at, "
      "confirmed_at = excluded.confirmed_at, proof = excluded.proof, actor = excluded.actor) "
      "INSERT INTO consent_events(customer_id, channel, status, basis, source, changed_at, "
      "confirmed_at, proof, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      p);
  return r ? Status() : r.error();
}

Result<std::vector<ConsentRecord>> PgStore::CustomerConsents(const std::string& customer_id) {
  return ConsentsOf(*db_, "consents", "x.channel COLLATE \"C\"", customer_id);
}

Result<std::vector<ConsentRecord>> PgStore::ConsentHistory(const std::string& customer_id) {
  return ConsentsOf(*db_, "consent_events", "x.id", customer_id);
}

Status PgStore::ScanConsents(const std::function<void(const ConsentRecord&)>& fn) {
  return db_->Stream(std::string(kConsentColumns) +
                         "consents x JOIN customers c ON c.id = x.customer_id "
                         "ORDER BY x.customer_id, x.channel COLLATE \"C\"",
                     Params(), [&](const Rows& r) { fn(ConsentFromRow(r, 0)); });
}

Status PgStore::SaveInteraction(const InteractionRecord& i) {
  auto id = RequireCustomerId(i.customer_id);
  if (!id) return id.error();
  Params p;
  p.Add(*id).Add(int64_t{i.day}).Add(i.kind).Add(i.channel).Add(i.reference).Add(i.detail);
  p.Add(i.status).Add(i.created_at);
  // ON CONFLICT keeps the transaction usable (a failed statement would abort it).
  auto r = db_->Query(
      "INSERT INTO interactions(customer_id, day, kind, channel, reference, detail, status, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
      p);
  if (!r) return r.error();
  if (r->Affected() == 0) {
    return core::AlreadyExists("a " + i.kind + " contact of '" + i.customer_id + "' on " +
                               core::FormatDay(i.day) + " is recorded already");
  }
  return {};
}

Status PgStore::ScanInteractions(const std::function<void(const InteractionRecord&)>& fn) {
  return db_->Stream(std::string(kInteractionColumns) + "ORDER BY i.customer_id, i.day, i.id",
                     Params(), [&](const Rows& r) { fn(InteractionFromRow(r, 0)); });
}

Result<std::vector<InteractionRecord>> PgStore::CustomerInteractions(
    const std::string& customer_id) {
  Params p;
  p.Add(customer_id);
  return All<InteractionRecord>(
      db_->Query(std::string(kInteractionColumns) + "WHERE c.external_id = $1 ORDER BY i.day, i.id",
                 p),
      InteractionFromRow);
}

Result<std::vector<InteractionRecord>> PgStore::InteractionsOn(core::Day day) {
  Params p;
  p.Add(int64_t{day});
  return All<InteractionRecord>(
      db_->Query(std::string(kInteractionColumns) + "WHERE i.day = $1 ORDER BY i.id", p),
      InteractionFromRow);
}

Result<bool> PgStore::SetInteractionStatus(int64_t id, const std::string& from,
                                           const std::string& to, const std::string& detail) {
  Params p;
  p.Add(id).Add(from).Add(to).Add(detail);
  auto r = db_->Query(
      "UPDATE interactions SET status = $3, detail = $4 WHERE id = $1 AND status = $2", p);
  if (!r) return core::Err(r.error());
  return r->Affected() > 0;
}

Status PgStore::ScanOrdersBetween(core::Day from, core::Day to,
                                  const std::function<void(const OrderStatusFact&)>& fn) {
  Params p;
  p.Add(int64_t{from}).Add(int64_t{to});
  return db_->Stream(
      "SELECT c.external_id, o.external_id, o.day, COALESCE(o.status, ''), o.total_minor, "
      "o.channel, COALESCE(o.store_id, '') FROM orders o "
      "JOIN customers c ON c.id = o.customer_id WHERE o.day BETWEEN $1 AND $2 ORDER BY o.day, o.id",
      p, [&](const Rows& r) {
        fn({r.Text(0, 0), r.Text(0, 1), static_cast<core::Day>(r.Int(0, 2)), r.Text(0, 3),
            r.Int(0, 4), r.Text(0, 5), r.Text(0, 6)});
      });
}

Status PgStore::AppendAudit(const AuditRecord& a) {
  Params p;
  p.Add(a.at).Add(a.actor).Add(a.action).Add(a.customer_id).Add(a.detail);
  auto r = db_->Query(
      "INSERT INTO audit_log(at, actor, action, customer_id, detail) VALUES ($1, $2, $3, $4, $5)",
      p);
  return r ? Status() : r.error();
}

Result<std::vector<AuditRecord>> PgStore::AuditEntries(const std::string& customer_id,
                                                       int64_t after_id, int limit) {
  Params p;
  p.Add(after_id).Add(customer_id).Add(int64_t{limit});
  return All<AuditRecord>(
      db_->Query("SELECT id, at, actor, action, customer_id, detail FROM audit_log "
                 "WHERE id > $1 AND ($2 = '' OR customer_id = $2) ORDER BY id LIMIT $3",
                 p),
      [](const Rows& rows, int r) {
        return AuditRecord{rows.Int(r, 0),  rows.Text(r, 1), rows.Text(r, 2),
                           rows.Text(r, 3), rows.Text(r, 4), rows.Text(r, 5)};
      });
}

Status PgStore::AddSuppression(const std::string& hash, const std::string& reason,
                               const std::string& at) {
  Params p;
  p.Add(hash).Add(reason).Add(at);
  auto r = db_->Query(
      "INSERT INTO suppressions(hash, reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", p);
  return r ? Status() : r.error();
}

Result<bool> PgStore::EraseCustomer(const std::string& external_id, const std::string& pseudonym) {
  Params find;
  find.Add(external_id);
  auto rows = db_->Query("SELECT id FROM customers WHERE external_id = $1 FOR UPDATE", find);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return false;
  const std::string id = rows->Text(0, 0);
  // By external id ($1 -> $2), then by the row ($1: its id).
  static constexpr const char* kRenames[] = {
      "UPDATE loyalty_purchases SET customer_id = $2 WHERE customer_id = $1",
      "UPDATE loyalty_members SET referred_by = $2 WHERE referred_by = $1",
      "UPDATE audit_log SET customer_id = $2 WHERE customer_id = $1"};
  for (const char* sql : kRenames) {
    Params p;
    p.Add(external_id).Add(pseudonym);
    if (auto r = db_->Query(sql, p); !r) return core::Err(r.error());
  }
  Params row;
  row.Add(id);
  if (auto r = db_->Query(
          "UPDATE interactions SET detail = '' WHERE customer_id = CAST($1 AS BIGINT)", row);
      !r) {
    return core::Err(r.error());
  }
  for (const char* sql : kEraseListeningSql) {
    if (auto r = db_->Query(DollarParams(sql), row); !r) return core::Err(r.error());
  }
  Params erase;
  erase.Add(id).Add(pseudonym);
  if (auto r = db_->Query(
          "UPDATE customers SET external_id = $2, first_name = NULL, last_name = NULL, "
          "email = NULL, phone = NULL, street = NULL, postal_code = NULL, city = NULL, "
          "birth_date = NULL, gender = NULL, company = NULL, tags = NULL, attributes = NULL, "
          "referral_source = NULL WHERE id = CAST($1 AS BIGINT)",
          erase);
      !r) {
    return core::Err(r.error());
  }
  customer_ids_.clear();
  dirty_ = true;
  return true;
}

Result<bool> PgStore::IsSuppressed(const std::string& hash) {
  Params p;
  p.Add(hash);
  auto r = db_->Query("SELECT 1 FROM suppressions WHERE hash = $1", p);
  if (!r) return core::Err(r.error());
  return !r->empty();
}

}  // namespace retain::storage::postgres
