// PgStore's small records: fitted models, forecasts, segments, API keys and
// the stored answers to idempotent writes.
#include "retain/storage/postgres/pg_store.h"

namespace retain::storage::postgres {
namespace {

// Segment names compare without regard to ASCII case, as in SQLite (NOCASE).
#define RETAIN_FOLD(x) \
  "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

constexpr const char* kScoreColumns =
    "SELECT c.external_id, s.p_alive, s.expected_30d, s.expected_90d, s.expected_365d, "
    "s.expected_horizon, s.expected_value_minor, s.clv_minor, s.risk "
    "FROM clv_scores s JOIN customers c ON c.id = s.customer_id ";

ClvScoreRecord ScoreFromRow(const Rows& rows, int r) {
  ClvScoreRecord s;
  s.customer_id = rows.Text(r, 0);
  s.p_alive = rows.Real(r, 1);
  s.expected_30d = rows.Real(r, 2);
  s.expected_90d = rows.Real(r, 3);
  s.expected_365d = rows.Real(r, 4);
  s.expected_horizon = rows.Real(r, 5);
  s.expected_value_minor = rows.Int(r, 6);
  s.clv_minor = rows.Int(r, 7);
  s.risk = rows.Text(r, 8);
  return s;
}

constexpr const char* kApiKeyColumns =
    "SELECT id, name, role, secret_hash, created_at, COALESCE(revoked_at, '') FROM api_keys ";

ApiKeyRecord ApiKeyFromRow(const Rows& rows, int r) {
  return {rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2),
          rows.Text(r, 3), rows.Text(r, 4), rows.Text(r, 5)};
}

SegmentRecord SegmentFromRow(const Rows& rows, int r) {
  return {rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3)};
}

}  // namespace

Result<int64_t> PgStore::SaveClvModel(const ClvModelRecord& m) {
  Params p;
  p.Add(m.model).Add(m.fit_json).Add(m.fitted_at);
  auto rows = db_->Query(
      "INSERT INTO clv_models(model, fit_json, fitted_at) VALUES ($1, $2, $3) RETURNING id", p);
  if (!rows) return core::Err(rows.error());
  return rows->Int(0, 0);
}

Result<std::optional<ClvModelRecord>> PgStore::LatestClvModel(const std::string& model) {
  Params p;
  p.Add(model);
  auto rows = db_->Query(
      "SELECT id, model, fit_json, fitted_at FROM clv_models WHERE model = $1 "
      "ORDER BY id DESC LIMIT 1",
      p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<ClvModelRecord>();
  return std::optional<ClvModelRecord>(
      ClvModelRecord{rows->Int(0, 0), rows->Text(0, 1), rows->Text(0, 2), rows->Text(0, 3)});
}

Result<int64_t> PgStore::ReplaceClvScores(const ClvScoreRun& run,
                                          std::span<const ClvScoreRecord> scores) {
  if (!in_write_) {
    return core::Err(core::FailedPrecondition("ReplaceClvScores needs a write transaction"));
  }
  // Every customer must exist: an unknown one fails before anything changes.
  std::vector<std::optional<std::string>> ext(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) ext[i] = scores[i].customer_id;
  Params ids;
  ids.Add(ArrayLiteral(ext));
  auto unknown = db_->Query(
      "SELECT u.ext FROM unnest($1::text[]) AS u(ext) LEFT JOIN customers c "
      "ON c.external_id = u.ext WHERE c.id IS NULL LIMIT 1",
      ids);
  if (!unknown) return core::Err(unknown.error());
  if (!unknown->empty()) {
    return core::Err(core::NotFound("unknown customer '" + unknown->Text(0, 0) + "'"));
  }
  if (auto s = db_->Exec("DELETE FROM clv_scores"); !s.ok()) return core::Err(s);
  Params p;
  p.Add(run.scored_at)
      .Add(static_cast<int64_t>(run.as_of))
      .Add(static_cast<int64_t>(run.horizon_months))
      .AddReal(run.discount_monthly)
      .AddReal(run.high_risk_below)
      .AddReal(run.medium_risk_below)
      .Add(run.bgnbd_model_id)
      .Add(run.gammagamma_model_id);
  auto inserted = db_->Query(
      "INSERT INTO clv_score_runs(scored_at, as_of, horizon_months, discount_monthly, "
      "high_risk_below, medium_risk_below, bgnbd_model_id, gammagamma_model_id) VALUES ($1, $2, "
      "$3, $4, $5, $6, NULLIF($7::bigint, 0), NULLIF($8::bigint, 0)) RETURNING id",
      p);
  if (!inserted) return core::Err(inserted.error());
  const int64_t run_id = inserted->Int(0, 0);
  constexpr size_t kRows = 2000;
  for (size_t b = 0; b < scores.size(); b += kRows) {
    const size_t e = std::min(scores.size(), b + kRows);
    std::vector<std::vector<std::optional<std::string>>> cols(9);
    auto real = [](double v) { return std::optional<std::string>(RealText(v)); };
    for (size_t i = b; i < e; ++i) {
      const ClvScoreRecord& s = scores[i];
      cols[0].push_back(s.customer_id);
      cols[1].push_back(real(s.p_alive));
      cols[2].push_back(real(s.expected_30d));
      cols[3].push_back(real(s.expected_90d));
      cols[4].push_back(real(s.expected_365d));
      cols[5].push_back(real(s.expected_horizon));
      cols[6].push_back(std::to_string(s.expected_value_minor));
      cols[7].push_back(std::to_string(s.clv_minor));
      cols[8].push_back(s.risk);
    }
    Params batch;
    batch.Add(run_id);
    for (const auto& c : cols) batch.Add(ArrayLiteral(c));
    auto r = db_->Query(
        "INSERT INTO clv_scores(customer_id, run_id, p_alive, expected_30d, expected_90d, "
        "expected_365d, expected_horizon, expected_value_minor, clv_minor, risk) "
        "SELECT c.id, $1, u.p, u.e30, u.e90, u.e365, u.eh, u.ev, u.clv, u.risk FROM "
        "unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], "
        "$7::float8[], $8::bigint[], $9::bigint[], $10::text[]) "
        "AS u(ext, p, e30, e90, e365, eh, ev, clv, risk) JOIN customers c ON c.external_id = u.ext",
        batch);
    if (!r) return core::Err(r.error());
  }
  return run_id;
}

Result<std::optional<ClvScoreRun>> PgStore::LatestClvScoreRun() {
  auto rows = db_->Query(
      "SELECT id, scored_at, as_of, horizon_months, discount_monthly, high_risk_below, "
      "medium_risk_below, COALESCE(bgnbd_model_id, 0), COALESCE(gammagamma_model_id, 0) "
      "FROM clv_score_runs ORDER BY id DESC LIMIT 1");
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<ClvScoreRun>();
  ClvScoreRun r;
  r.id = rows->Int(0, 0);
  r.scored_at = rows->Text(0, 1);
  r.as_of = static_cast<core::Day>(rows->Int(0, 2));
  r.horizon_months = static_cast<int>(rows->Int(0, 3));
  r.discount_monthly = rows->Real(0, 4);
  r.high_risk_below = rows->Real(0, 5);
  r.medium_risk_below = rows->Real(0, 6);
  r.bgnbd_model_id = rows->Int(0, 7);
  r.gammagamma_model_id = rows->Int(0, 8);
  return std::optional<ClvScoreRun>(std::move(r));
}

Result<std::optional<ClvScoreRecord>> PgStore::FindClvScore(const std::string& external_id) {
  Params p;
  p.Add(external_id);
  auto rows = db_->Query(std::string(kScoreColumns) + "WHERE c.external_id = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<ClvScoreRecord>();
  return std::optional<ClvScoreRecord>(ScoreFromRow(*rows, 0));
}

Status PgStore::ScanClvScores(const std::function<void(const ClvScoreRecord&)>& fn) {
  return db_->Stream(std::string(kScoreColumns) + "ORDER BY s.customer_id", {},
                     [&](const Rows& r) { fn(ScoreFromRow(r, 0)); });
}

Status PgStore::SaveSegment(const SegmentRecord& segment) {
  auto existing = FindSegment(segment.name);
  if (!existing) return existing.error();
  if (*existing) {
    return core::FailedPrecondition("a segment named '" + (*existing)->name +
                                    "' exists already; delete it first or choose another name");
  }
  Params p;
  p.Add(segment.name).Add(segment.rule).Add(segment.description).Add(segment.created_at);
  auto r = db_->Query(
      "INSERT INTO segments(name, rule, description, created_at) VALUES ($1, $2, $3, $4)", p);
  return r ? Status() : r.error();
}

Result<std::vector<SegmentRecord>> PgStore::ListSegments() {
  auto rows =
      db_->Query("SELECT name, rule, description, created_at FROM segments ORDER BY " RETAIN_FOLD(
          "name") ", name");
  if (!rows) return core::Err(rows.error());
  std::vector<SegmentRecord> out;
  for (int r = 0; r < rows->size(); ++r) out.push_back(SegmentFromRow(*rows, r));
  return out;
}

Result<std::optional<SegmentRecord>> PgStore::FindSegment(const std::string& name) {
  Params p;
  p.Add(name);
  auto rows =
      db_->Query("SELECT name, rule, description, created_at FROM segments WHERE " RETAIN_FOLD(
                     "name") " = " RETAIN_FOLD("$1"),
                 p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<SegmentRecord>();
  return std::optional<SegmentRecord>(SegmentFromRow(*rows, 0));
}

Result<bool> PgStore::DeleteSegment(const std::string& name) {
  Params p;
  p.Add(name);
  auto r = db_->Query("DELETE FROM segments WHERE " RETAIN_FOLD("name") " = " RETAIN_FOLD("$1"), p);
  if (!r) return core::Err(r.error());
  return r->Affected() > 0;
}

Status PgStore::SaveApiKey(const ApiKeyRecord& key) {
  Params p;
  p.Add(key.id).Add(key.name).Add(key.role).Add(key.secret_hash).Add(key.created_at);
  auto r = db_->Query(
      "INSERT INTO api_keys(id, name, role, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
      p);
  return r ? Status() : r.error();
}

Result<std::optional<ApiKeyRecord>> PgStore::FindApiKey(const std::string& id) {
  Params p;
  p.Add(id);
  auto rows = db_->Query(std::string(kApiKeyColumns) + "WHERE id = $1", p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(ApiKeyFromRow(*rows, 0));
}

Result<std::vector<ApiKeyRecord>> PgStore::ListApiKeys() {
  auto rows = db_->Query(std::string(kApiKeyColumns) + "ORDER BY created_at, id");
  if (!rows) return core::Err(rows.error());
  std::vector<ApiKeyRecord> out;
  for (int r = 0; r < rows->size(); ++r) out.push_back(ApiKeyFromRow(*rows, r));
  return out;
}

Result<bool> PgStore::RevokeApiKey(const std::string& id, const std::string& at) {
  Params p;
  p.Add(id).Add(at);
  auto r =
      db_->Query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", p);
  if (!r) return core::Err(r.error());
  return r->Affected() > 0;
}

Result<std::optional<IdempotencyRecord>> PgStore::FindIdempotency(const std::string& scope,
                                                                  const std::string& key) {
  Params p;
  p.Add(scope).Add(key);
  auto rows = db_->Query(
      "SELECT request_hash, outcome, response, created_at FROM idempotency_keys "
      "WHERE scope = $1 AND key = $2",
      p);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<IdempotencyRecord>();
  return std::optional<IdempotencyRecord>(IdempotencyRecord{scope, key, rows->Text(0, 0),
                                                            static_cast<int>(rows->Int(0, 1)),
                                                            rows->Text(0, 2), rows->Text(0, 3)});
}

Status PgStore::SaveIdempotency(const IdempotencyRecord& r) {
  if (!in_write_) return core::FailedPrecondition("SaveIdempotency needs a write transaction");
  Params p;
  p.Add(r.scope)
      .Add(r.key)
      .Add(r.request_hash)
      .Add(static_cast<int64_t>(r.outcome))
      .Add(r.response)
      .Add(r.created_at);
  auto rows = db_->Query(
      "INSERT INTO idempotency_keys(scope, key, request_hash, outcome, response, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
      p);
  if (!rows) return rows.error();
  if (rows->Affected() == 0) {
    return core::FailedPrecondition("idempotency key '" + r.key + "' was used already");
  }
  return {};
}

}  // namespace retain::storage::postgres
