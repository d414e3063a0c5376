// Kunden-Club storage of PgStore: members, ledger entries, purchases,
// returns, vouchers and request answers.
#include "retain/storage/postgres/pg_store.h"

namespace retain::storage::postgres {
namespace {

constexpr const char* kMemberColumns =
    "SELECT c.external_id, m.enrolled_at, m.enrolled_day, m.referred_by, m.tier, m.tier_since, "
    "m.tier_held_until, m.last_seq FROM loyalty_members m JOIN customers c ON c.id = "
    "m.customer_id ";

core::Day DayAt(const Rows& rows, int r, int c) { return static_cast<core::Day>(rows.Int(r, c)); }

LoyaltyMemberRecord MemberFromRow(const Rows& rows, int r) {
  return {rows.Text(r, 0), rows.Text(r, 1),   DayAt(rows, r, 2), rows.Text(r, 3),
          rows.Text(r, 4), DayAt(rows, r, 5), DayAt(rows, r, 6), rows.Int(r, 7)};
}

constexpr const char* kEntryColumns =
    "e.seq, e.kind, e.day, e.points, e.reference, e.available_from, e.expires_after, "
    "e.created_at";

// Columns first..first+7 of row r.
LoyaltyEntryRecord EntryFromRow(const Rows& rows, int r, int first) {
  LoyaltyEntryRecord e;
  e.seq = rows.Int(r, first);
  e.kind = rows.Text(r, first + 1);
  e.day = DayAt(rows, r, first + 2);
  e.points = rows.Int(r, first + 3);
  e.reference = rows.Text(r, first + 4);
  e.available_from = DayAt(rows, r, first + 5);
  e.expires_after = DayAt(rows, r, first + 6);
  e.created_at = rows.Text(r, first + 7);
  return e;
}

constexpr const char* kVoucherColumns =
    "SELECT v.code, c.external_id, v.request_id, v.points, v.value_cents, v.currency, "
    "v.issued_day, v.expires_day, v.state, v.order_id, v.changed_at FROM loyalty_vouchers v "
    "JOIN customers c ON c.id = v.customer_id ";

VoucherRecord VoucherFromRow(const Rows& rows, int r) {
  VoucherRecord v;
  v.code = rows.Text(r, 0);
  v.customer_id = rows.Text(r, 1);
  v.request_id = rows.Text(r, 2);
  v.points = rows.Int(r, 3);
  v.value_cents = rows.Int(r, 4);
  v.currency = rows.Text(r, 5);
  v.issued_day = DayAt(rows, r, 6);
  v.expires_day = DayAt(rows, r, 7);
  v.state = rows.Text(r, 8);
  v.order_id = rows.Text(r, 9);
  v.changed_at = rows.Text(r, 10);
  return v;
}

Status Done(const Result<Rows>& r) { return r ? Status() : r.error(); }

}  // namespace

Result<int64_t> PgStore::RequireCustomerId(const std::string& customer_id) {
  auto id = CustomerId(customer_id);
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::NotFound("unknown customer '" + customer_id + "'"));
  return **id;
}

Result<std::optional<LoyaltyMemberRecord>> PgStore::FindLoyaltyMember(
    const std::string& customer_id, bool lock) {
  Params p;
  p.Add(customer_id);
  const std::string sql = std::string(kMemberColumns) + "WHERE c.external_id = $1" +
                          (lock && in_write_ ? " FOR UPDATE OF m" : "");
  auto rows = db_->Query(sql, p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<LoyaltyMemberRecord>();
  return std::optional<LoyaltyMemberRecord>(MemberFromRow(*rows, 0));
}

Status PgStore::SaveLoyaltyMember(const LoyaltyMemberRecord& m) {
  auto id = RequireCustomerId(m.customer_id);
  if (!id) return id.error();
  Params p;
  p.Add(*id).Add(m.enrolled_at).Add(int64_t{m.enrolled_day}).Add(m.referred_by).Add(m.tier);
  p.Add(int64_t{m.tier_since}).Add(int64_t{m.tier_held_until}).Add(m.last_seq);
  return Done(db_->Query(
      "INSERT INTO loyalty_members(customer_id, enrolled_at, enrolled_day, referred_by, tier, "
      "tier_since, tier_held_until, last_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (customer_id) DO UPDATE SET tier = excluded.tier, tier_since = "
      "excluded.tier_since, tier_held_until = excluded.tier_held_until, last_seq = "
      "excluded.last_seq",
      p));
}

Result<std::vector<LoyaltyEntryRecord>> PgStore::LoyaltyEntries(const std::string& customer_id,
                                                                int64_t after_seq, int limit) {
  Params p;
  p.Add(customer_id).Add(after_seq);
  if (limit > 0) {
    p.Add(int64_t{limit});
  } else {
    p.Null();
  }
  auto rows = db_->Query(std::string("SELECT ") + kEntryColumns +
                             " FROM loyalty_entries e JOIN customers c ON c.id = e.customer_id "
                             "WHERE c.external_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3",
                         p);
  if (!rows) return core::Err(rows.error());
  std::vector<LoyaltyEntryRecord> out;
  out.reserve(rows->size());
  for (int r = 0; r < rows->size(); ++r) out.push_back(EntryFromRow(*rows, r, 0));
  return out;
}

Status PgStore::AppendLoyaltyEntries(const std::string& customer_id,
                                     std::span<const LoyaltyEntryRecord> entries) {
  auto id = RequireCustomerId(customer_id);
  if (!id) return id.error();
  for (const auto& e : entries) {
    Params p;
    p.Add(*id).Add(e.seq).Add(e.kind).Add(int64_t{e.day}).Add(e.points).Add(e.reference);
    p.Add(int64_t{e.available_from}).Add(int64_t{e.expires_after}).Add(e.created_at);
    if (auto s = Done(db_->Query(
            "INSERT INTO loyalty_entries(customer_id, seq, kind, day, points, reference, "
            "available_from, expires_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
            "$9)",
            p));
        !s.ok()) {
      return s;
    }
  }
  return {};
}

Status PgStore::ScanLoyaltyMembers(const std::function<void(const LoyaltyMemberRecord&)>& fn) {
  return db_->Stream(std::string(kMemberColumns) + "ORDER BY m.customer_id", {},
                     [&](const Rows& r) { fn(MemberFromRow(r, 0)); });
}

Status PgStore::ScanLoyaltyEntries(
    const std::function<void(const std::string&, const LoyaltyEntryRecord&)>& fn) {
  std::string customer;
  return db_->Stream(std::string("SELECT c.external_id, ") + kEntryColumns +
                         " FROM loyalty_entries e JOIN customers c ON c.id = e.customer_id "
                         "ORDER BY e.customer_id, e.seq",
                     {}, [&](const Rows& r) {
                       auto id = r.TextView(0, 0);
                       if (id != customer) customer.assign(id);
                       fn(customer, EntryFromRow(r, 0, 1));
                     });
}

Result<std::optional<LoyaltyPurchaseRecord>> PgStore::FindLoyaltyPurchase(
    const std::string& order_id) {
  Params p;
  p.Add(order_id);
  auto rows = db_->Query(
      "SELECT p.order_id, p.customer_id, p.day, p.amount_cents, p.points, "
      "(SELECT COALESCE(SUM(r.amount_cents), 0) FROM loyalty_returns r WHERE r.order_id = "
      "p.order_id) FROM loyalty_purchases p WHERE p.order_id = $1",
      p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<LoyaltyPurchaseRecord>();
  const auto& r = *rows;
  return std::optional<LoyaltyPurchaseRecord>(LoyaltyPurchaseRecord{
      r.Text(0, 0), r.Text(0, 1), DayAt(r, 0, 2), r.Int(0, 3), r.Int(0, 4), r.Int(0, 5)});
}

Status PgStore::SaveLoyaltyPurchase(const LoyaltyPurchaseRecord& purchase) {
  Params p;
  p.Add(purchase.order_id).Add(purchase.customer_id).Add(int64_t{purchase.day});
  p.Add(purchase.amount_cents).Add(purchase.points);
  return Done(
      db_->Query("INSERT INTO loyalty_purchases(order_id, customer_id, day, amount_cents, points) "
                 "VALUES ($1, $2, $3, $4, $5)",
                 p));
}

Status PgStore::SaveLoyaltyReturn(const LoyaltyReturnRecord& ret) {
  Params p;
  p.Add(ret.return_id).Add(ret.order_id).Add(ret.amount_cents).Add(ret.points);
  return Done(
      db_->Query("INSERT INTO loyalty_returns(return_id, order_id, amount_cents, points) "
                 "VALUES ($1, $2, $3, $4)",
                 p));
}

Status PgStore::ScanLoyaltyPurchases(const std::function<void(const LoyaltyPurchaseRecord&)>& fn) {
  return db_->Stream(
      "SELECT order_id, customer_id, day, amount_cents, points FROM loyalty_purchases "
      "ORDER BY order_id COLLATE \"C\"",
      {}, [&](const Rows& r) {
        fn({r.Text(0, 0), r.Text(0, 1), DayAt(r, 0, 2), r.Int(0, 3), r.Int(0, 4), 0});
      });
}

Status PgStore::ScanLoyaltyReturns(const std::function<void(const LoyaltyReturnRecord&)>& fn) {
  return db_->Stream(
      "SELECT return_id, order_id, amount_cents, points FROM loyalty_returns "
      "ORDER BY return_id COLLATE \"C\"",
      {}, [&](const Rows& r) {
        fn({r.Text(0, 0), r.Text(0, 1), r.Int(0, 2), r.Int(0, 3)});
      });
}

Result<std::optional<VoucherRecord>> PgStore::FindVoucher(const std::string& code) {
  Params p;
  p.Add(code);
  auto rows = db_->Query(std::string(kVoucherColumns) + "WHERE v.code = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<VoucherRecord>();
  return std::optional<VoucherRecord>(VoucherFromRow(*rows, 0));
}

Status PgStore::SaveVoucher(const VoucherRecord& v) {
  auto id = RequireCustomerId(v.customer_id);
  if (!id) return id.error();
  Params p;
  p.Add(v.code).Add(*id).Add(v.request_id).Add(v.points).Add(v.value_cents).Add(v.currency);
  p.Add(int64_t{v.issued_day}).Add(int64_t{v.expires_day}).Add(v.state).Add(v.order_id);
  p.Add(v.changed_at);
  return Done(db_->Query(
      "INSERT INTO loyalty_vouchers(code, customer_id, request_id, points, value_cents, "
      "currency, issued_day, expires_day, state, order_id, changed_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO UPDATE SET state = excluded.state, "
      "order_id = excluded.order_id, changed_at = excluded.changed_at",
      p));
}

Status PgStore::ScanVouchers(const std::string& customer_id,
                             const std::function<void(const VoucherRecord&)>& fn) {
  Params p;
  p.Add(customer_id);
  return db_->Stream(std::string(kVoucherColumns) +
                         "WHERE $1 = '' OR c.external_id = $1 "
                         "ORDER BY v.customer_id, v.issued_day, v.code COLLATE \"C\"",
                     p, [&](const Rows& r) { fn(VoucherFromRow(r, 0)); });
}

Result<std::optional<LoyaltyRequestRecord>> PgStore::FindLoyaltyRequest(const std::string& kind,
                                                                        const std::string& key) {
  Params p;
  p.Add(kind).Add(key);
  auto rows = db_->Query(
      "SELECT kind, request_key, request_hash, answer, created_at FROM loyalty_requests "
      "WHERE kind = $1 AND request_key = $2",
      p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<LoyaltyRequestRecord>();
  const auto& r = *rows;
  return std::optional<LoyaltyRequestRecord>(
      LoyaltyRequestRecord{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3), r.Text(0, 4)});
}

Status PgStore::SaveLoyaltyRequest(const LoyaltyRequestRecord& request) {
  Params p;
  p.Add(request.kind).Add(request.key).Add(request.request_hash).Add(request.answer);
  p.Add(request.created_at);
  // ON CONFLICT keeps the transaction usable (a failed statement would abort it).
  auto r = db_->Query(
      "INSERT INTO loyalty_requests(kind, request_key, request_hash, answer, created_at) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      p);
  if (!r) return r.error();
  if (r->Affected() == 0) {
    return core::AlreadyExists("a " + request.kind + " request '" + request.key +
                               "' is stored already");
  }
  return {};
}

}  // namespace retain::storage::postgres
