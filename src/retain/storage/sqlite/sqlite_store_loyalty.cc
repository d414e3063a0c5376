// Kunden-Club storage of SqliteStore: members, ledger entries, purchases,
// returns, vouchers and request answers. The hot statements are cached.
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

constexpr const char* kMemberColumns =
    "SELECT c.external_id, m.enrolled_at, m.enrolled_day, m.referred_by, m.tier, m.tier_since, "
    "m.tier_held_until, m.last_seq FROM loyalty_members m JOIN customers c ON c.id = "
    "m.customer_id ";

LoyaltyMemberRecord MemberFromRow(const Statement& st) {
  return {st.Text(0),
          st.Text(1),
          static_cast<core::Day>(st.Int(2)),
          st.Text(3),
          st.Text(4),
          static_cast<core::Day>(st.Int(5)),
          static_cast<core::Day>(st.Int(6)),
          st.Int(7)};
}

// Columns 0..7 of an entry, from `first`.
LoyaltyEntryRecord EntryFromRow(const Statement& st, int first) {
  LoyaltyEntryRecord e;
  e.seq = st.Int(first);
  e.kind = st.Text(first + 1);
  e.day = static_cast<core::Day>(st.Int(first + 2));
  e.points = st.Int(first + 3);
  e.reference = st.Text(first + 4);
  e.available_from = static_cast<core::Day>(st.Int(first + 5));
  e.expires_after = static_cast<core::Day>(st.Int(first + 6));
  e.created_at = st.Text(first + 7);
  return e;
}

constexpr const char* kVoucherColumns =
    "SELECT v.code, c.external_id, v.request_id, v.points, v.value_cents, v.currency, "
    "v.issued_day, v.expires_day, v.state, v.order_id, v.changed_at FROM loyalty_vouchers v "
    "JOIN customers c ON c.id = v.customer_id ";

VoucherRecord VoucherFromRow(const Statement& st) {
  VoucherRecord v;
  v.code = st.Text(0);
  v.customer_id = st.Text(1);
  v.request_id = st.Text(2);
  v.points = st.Int(3);
  v.value_cents = st.Int(4);
  v.currency = st.Text(5);
  v.issued_day = static_cast<core::Day>(st.Int(6));
  v.expires_day = static_cast<core::Day>(st.Int(7));
  v.state = st.Text(8);
  v.order_id = st.Text(9);
  v.changed_at = st.Text(10);
  return v;
}

}  // namespace

Result<int64_t> SqliteStore::RequireCustomerId(const std::string& customer_id) {
  auto id = CustomerId(customer_id);
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::NotFound("unknown customer '" + customer_id + "'"));
  return **id;
}

Result<std::optional<LoyaltyMemberRecord>> SqliteStore::FindLoyaltyMember(
    const std::string& customer_id, bool) {
  // Cached statements are found by address: the text lives as long as the program.
  static const std::string kSql = std::string(kMemberColumns) + "WHERE c.external_id = ?1";
  auto st = Cached(kSql.c_str());
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, customer_id);
  auto row = (*st)->Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<LoyaltyMemberRecord>();
  return std::optional<LoyaltyMemberRecord>(MemberFromRow(**st));
}

Status SqliteStore::SaveLoyaltyMember(const LoyaltyMemberRecord& m) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_members(customer_id, enrolled_at, enrolled_day, referred_by, tier, "
      "tier_since, tier_held_until, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT(customer_id) DO UPDATE SET tier = excluded.tier, tier_since = "
      "excluded.tier_since, tier_held_until = excluded.tier_held_until, last_seq = "
      "excluded.last_seq";
  auto id = RequireCustomerId(m.customer_id);
  if (!id) return id.error();
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, *id);
  (*st)->Bind(2, m.enrolled_at);
  (*st)->Bind(3, int64_t{m.enrolled_day});
  (*st)->Bind(4, m.referred_by);
  (*st)->Bind(5, m.tier);
  (*st)->Bind(6, int64_t{m.tier_since});
  (*st)->Bind(7, int64_t{m.tier_held_until});
  (*st)->Bind(8, m.last_seq);
  return (*st)->Run();
}

Result<std::vector<LoyaltyEntryRecord>> SqliteStore::LoyaltyEntries(const std::string& customer_id,
                                                                    int64_t after_seq, int limit) {
  static constexpr const char* kSql =
      "SELECT e.seq, e.kind, e.day, e.points, e.reference, e.available_from, e.expires_after, "
      "e.created_at FROM loyalty_entries e JOIN customers c ON c.id = e.customer_id "
      "WHERE c.external_id = ?1 AND e.seq > ?2 ORDER BY e.seq LIMIT ?3";
  auto st = Cached(kSql);
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, customer_id);
  (*st)->Bind(2, after_seq);
  (*st)->Bind(3, limit > 0 ? int64_t{limit} : int64_t{-1});
  std::vector<LoyaltyEntryRecord> out;
  if (auto s = EachRow(**st, [&] { out.push_back(EntryFromRow(**st, 0)); }); !s.ok()) {
    return core::Err(s);
  }
  return out;
}

Status SqliteStore::AppendLoyaltyEntries(const std::string& customer_id,
                                         std::span<const LoyaltyEntryRecord> entries) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_entries(customer_id, seq, kind, day, points, reference, "
      "available_from, expires_after, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  auto id = RequireCustomerId(customer_id);
  if (!id) return id.error();
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  for (const auto& e : entries) {
    (*st)->Bind(1, *id);
    (*st)->Bind(2, e.seq);
    (*st)->Bind(3, e.kind);
    (*st)->Bind(4, int64_t{e.day});
    (*st)->Bind(5, e.points);
    (*st)->Bind(6, e.reference);
    (*st)->Bind(7, int64_t{e.available_from});
    (*st)->Bind(8, int64_t{e.expires_after});
    (*st)->Bind(9, e.created_at);
    if (auto s = (*st)->Run(); !s.ok()) return s;
  }
  return {};
}

Status SqliteStore::ScanLoyaltyMembers(const std::function<void(const LoyaltyMemberRecord&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_, (std::string(kMemberColumns) + "ORDER BY m.customer_id").c_str());
      !s.ok()) {
    return s;
  }
  return EachRow(st, [&] { fn(MemberFromRow(st)); });
}

Status SqliteStore::ScanLoyaltyEntries(
    const std::function<void(const std::string&, const LoyaltyEntryRecord&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT c.external_id, e.seq, e.kind, e.day, e.points, e.reference, "
                          "e.available_from, e.expires_after, e.created_at FROM loyalty_entries e "
                          "JOIN customers c ON c.id = e.customer_id ORDER BY e.customer_id, e.seq");
      !s.ok()) {
    return s;
  }
  std::string customer;
  return EachRow(st, [&] {
    auto id = st.TextView(0);
    if (id != customer) customer.assign(id);
    fn(customer, EntryFromRow(st, 1));
  });
}

Result<std::optional<LoyaltyPurchaseRecord>> SqliteStore::FindLoyaltyPurchase(
    const std::string& order_id) {
  static constexpr const char* kSql =
      "SELECT p.order_id, p.customer_id, p.day, p.amount_cents, p.points, "
      "(SELECT COALESCE(SUM(r.amount_cents), 0) FROM loyalty_returns r WHERE r.order_id = "
      "p.order_id) FROM loyalty_purchases p WHERE p.order_id = ?1";
  auto st = Cached(kSql);
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, order_id);
  auto row = (*st)->Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<LoyaltyPurchaseRecord>();
  const auto& r = **st;
  return std::optional<LoyaltyPurchaseRecord>(LoyaltyPurchaseRecord{
      r.Text(0), r.Text(1), static_cast<core::Day>(r.Int(2)), r.Int(3), r.Int(4), r.Int(5)});
}

Status SqliteStore::SaveLoyaltyPurchase(const LoyaltyPurchaseRecord& p) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_purchases(order_id, customer_id, day, amount_cents, points) "
      "VALUES (?1, ?2, ?3, ?4, ?5)";
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, p.order_id);
  (*st)->Bind(2, p.customer_id);
  (*st)->Bind(3, int64_t{p.day});
  (*st)->Bind(4, p.amount_cents);
  (*st)->Bind(5, p.points);
  return (*st)->Run();
}

Status SqliteStore::SaveLoyaltyReturn(const LoyaltyReturnRecord& r) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_returns(return_id, order_id, amount_cents, points) "
      "VALUES (?1, ?2, ?3, ?4)";
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, r.return_id);
  (*st)->Bind(2, r.order_id);
  (*st)->Bind(3, r.amount_cents);
  (*st)->Bind(4, r.points);
  return (*st)->Run();
}

Status SqliteStore::ScanLoyaltyPurchases(
    const std::function<void(const LoyaltyPurchaseRecord&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT order_id, customer_id, day, amount_cents, points FROM "
                          "loyalty_purchases ORDER BY order_id");
      !s.ok()) {
    return s;
  }
  return EachRow(st, [&] {
    fn({st.Text(0), st.Text(1), static_cast<core::Day>(st.Int(2)), st.Int(3), st.Int(4), 0});
  });
}

Status SqliteStore::ScanLoyaltyReturns(const std::function<void(const LoyaltyReturnRecord&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT return_id, order_id, amount_cents, points FROM loyalty_returns "
                          "ORDER BY return_id");
      !s.ok()) {
    return s;
  }
  return EachRow(st, [&] { fn({st.Text(0), st.Text(1), st.Int(2), st.Int(3)}); });
}

Result<std::optional<VoucherRecord>> SqliteStore::FindVoucher(const std::string& code) {
  static const std::string kSql = std::string(kVoucherColumns) + "WHERE v.code = ?1";
  auto st = Cached(kSql.c_str());
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, code);
  auto row = (*st)->Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<VoucherRecord>();
  return std::optional<VoucherRecord>(VoucherFromRow(**st));
}

Status SqliteStore::SaveVoucher(const VoucherRecord& v) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_vouchers(code, customer_id, request_id, points, value_cents, "
      "currency, issued_day, expires_day, state, order_id, changed_at) VALUES (?1, ?2, ?3, ?4, "
      "?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(code) DO UPDATE SET state = excluded.state, "
      "order_id = excluded.order_id, changed_at = excluded.changed_at";
  auto id = RequireCustomerId(v.customer_id);
  if (!id) return id.error();
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, v.code);
  (*st)->Bind(2, *id);
  (*st)->Bind(3, v.request_id);
  (*st)->Bind(4, v.points);
  (*st)->Bind(5, v.value_cents);
  (*st)->Bind(6, v.currency);
  (*st)->Bind(7, int64_t{v.issued_day});
  (*st)->Bind(8, int64_t{v.expires_day});
  (*st)->Bind(9, v.state);
  (*st)->Bind(10, v.order_id);
  (*st)->Bind(11, v.changed_at);
  return (*st)->Run();
}

Status SqliteStore::ScanVouchers(const std::string& customer_id,
                                 const std::function<void(const VoucherRecord&)>& fn) {
  Statement st;
  const std::string sql = std::string(kVoucherColumns) +
                          "WHERE ?1 = '' OR c.external_id = ?1 "
                          "ORDER BY v.customer_id, v.issued_day, v.code";
  if (auto s = st.Prepare(db_, sql.c_str()); !s.ok()) return s;
  st.Bind(1, customer_id);
  return EachRow(st, [&] { fn(VoucherFromRow(st)); });
}

Result<std::optional<LoyaltyRequestRecord>> SqliteStore::FindLoyaltyRequest(
    const std::string& kind, const std::string& key) {
  static constexpr const char* kSql =
      "SELECT kind, request_key, request_hash, answer, created_at FROM loyalty_requests "
      "WHERE kind = ?1 AND request_key = ?2";
  auto st = Cached(kSql);
  if (!st) return core::Err(st.error());
  ResetOnExit reset(**st);
  (*st)->Bind(1, kind);
  (*st)->Bind(2, key);
  auto row = (*st)->Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<LoyaltyRequestRecord>();
  const auto& r = **st;
  return std::optional<LoyaltyRequestRecord>(
      LoyaltyRequestRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
}

Status SqliteStore::SaveLoyaltyRequest(const LoyaltyRequestRecord& r) {
  static constexpr const char* kSql =
      "INSERT INTO loyalty_requests(kind, request_key, request_hash, answer, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
  auto st = Cached(kSql);
  if (!st) return st.error();
  ResetOnExit reset(**st);
  (*st)->Bind(1, r.kind);
  (*st)->Bind(2, r.key);
  (*st)->Bind(3, r.request_hash);
  (*st)->Bind(4, r.answer);
  (*st)->Bind(5, r.created_at);
  if (auto s = (*st)->Run(); !s.ok()) return s;
  if (sqlite3_changes(db_) == 0) {
    return core::AlreadyExists("a " + r.kind + " request '" + r.key + "' is stored already");
  }
  return {};
}

}  // namespace retain::storage::sqlite
