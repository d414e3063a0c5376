// Lifetime-value forecast storage of SqliteStore.
#include <string>

#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

constexpr int kScoreParams = 10;
constexpr size_t kScoreRows = 256;

// "INSERT INTO clv_scores(...) VALUES (?,..),(?,..)" for `rows` rows.
std::string InsertScoresSql(size_t rows) {
  std::string sql =
      "INSERT INTO clv_scores(customer_id, run_id, p_alive, expected_30d, expected_90d, "
      "expected_365d, expected_horizon, expected_value_minor, clv_minor, risk) VALUES ";
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int p = 0; p < kScoreParams; ++p) sql += p ? ",?" : "?";
    sql += ")";
  }
  return sql;
}

}  // namespace

Result<int64_t> SqliteStore::ReplaceClvScores(const ClvScoreRun& run,
                                              std::span<const ClvScoreRecord> scores) {
  if (!in_write_) {
    return core::Err(core::FailedPrecondition("ReplaceClvScores needs a write transaction"));
  }
  std::vector<int64_t> ids(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    auto id = CustomerId(scores[i].customer_id);
    if (!id) return core::Err(id.error());
    if (!*id) return core::Err(core::NotFound("unknown customer '" + scores[i].customer_id + "'"));
    ids[i] = **id;
  }
  if (auto s = Exec(db_, "DELETE FROM clv_scores"); !s.ok()) return core::Err(s);
  Statement ins_run;
  if (auto s = ins_run.Prepare(db_,
                               "INSERT INTO clv_score_runs(scored_at, as_of, horizon_months, "
                               "discount_monthly, high_risk_below, medium_risk_below, "
                               "bgnbd_model_id, gammagamma_model_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, 0), NULLIF(?8, 0))");
      !s.ok()) {
    return core::Err(s);
  }
  ins_run.Bind(1, run.scored_at);
  ins_run.Bind(2, static_cast<int64_t>(run.as_of));
  ins_run.Bind(3, static_cast<int64_t>(run.horizon_months));
  ins_run.BindReal(4, run.discount_monthly);
  ins_run.BindReal(5, run.high_risk_below);
  ins_run.BindReal(6, run.medium_risk_below);
  ins_run.Bind(7, run.bgnbd_model_id);
  ins_run.Bind(8, run.gammagamma_model_id);
  if (auto s = ins_run.Run(); !s.ok()) return core::Err(s);
  const int64_t run_id = sqlite3_last_insert_rowid(db_);

  Statement batch, single;
  if (auto s = batch.Prepare(db_, InsertScoresSql(kScoreRows).c_str()); !s.ok()) {
    return core::Err(s);
  }
  if (auto s = single.Prepare(db_, InsertScoresSql(1).c_str()); !s.ok()) return core::Err(s);
  auto bind = [&](Statement& st, size_t i, int p) {
    const ClvScoreRecord& c = scores[i];
    st.Bind(++p, ids[i]);
    st.Bind(++p, run_id);
    st.BindReal(++p, c.p_alive);
    st.BindReal(++p, c.expected_30d);
    st.BindReal(++p, c.expected_90d);
    st.BindReal(++p, c.expected_365d);
    st.BindReal(++p, c.expected_horizon);
    st.Bind(++p, c.expected_value_minor);
    st.Bind(++p, c.clv_minor);
    st.Bind(++p, std::string_view(c.risk));
  };
  size_t i = 0;
  for (; i + kScoreRows <= scores.size(); i += kScoreRows) {
    for (size_t r = 0; r < kScoreRows; ++r) bind(batch, i + r, static_cast<int>(r) * kScoreParams);
    if (auto s = batch.Run(); !s.ok()) return core::Err(s);
  }
  for (; i < scores.size(); ++i) {
    bind(single, i, 0);
    if (auto s = single.Run(); !s.ok()) return core::Err(s);
  }
  return run_id;
}

Result<std::optional<ClvScoreRun>> SqliteStore::LatestClvScoreRun() {
  auto cached = Cached(
      "SELECT id, scored_at, as_of, horizon_months, discount_monthly, "
      "high_risk_below, medium_risk_below, COALESCE(bgnbd_model_id, 0), "
      "COALESCE(gammagamma_model_id, 0) FROM clv_score_runs "
      "ORDER BY id DESC LIMIT 1");
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<ClvScoreRun>();
  ClvScoreRun r;
  r.id = st.Int(0);
  r.scored_at = st.Text(1);
  r.as_of = static_cast<core::Day>(st.Int(2));
  r.horizon_months = static_cast<int>(st.Int(3));
  r.discount_monthly = st.Real(4);
  r.high_risk_below = st.Real(5);
  r.medium_risk_below = st.Real(6);
  r.bgnbd_model_id = st.Int(7);
  r.gammagamma_model_id = st.Int(8);
  return std::optional<ClvScoreRun>(std::move(r));
}

namespace {

#define RETAIN_SCORE_COLUMNS                                                           \
  "SELECT c.external_id, s.p_alive, s.expected_30d, s.expected_90d, s.expected_365d, " \
  "s.expected_horizon, s.expected_value_minor, s.clv_minor, s.risk "                   \
  "FROM clv_scores s JOIN customers c ON c.id = s.customer_id "
constexpr const char* kFindScore = RETAIN_SCORE_COLUMNS "WHERE c.external_id = ?1";
constexpr const char* kScanScores = RETAIN_SCORE_COLUMNS "ORDER BY s.customer_id";
#undef RETAIN_SCORE_COLUMNS

// The forecast in the current row of a statement selecting the score columns.
ClvScoreRecord ScoreFromRow(Statement& st) {
  ClvScoreRecord r;
  r.customer_id = st.Text(0);
  r.p_alive = st.Real(1);
  r.expected_30d = st.Real(2);
  r.expected_90d = st.Real(3);
  r.expected_365d = st.Real(4);
  r.expected_horizon = st.Real(5);
  r.expected_value_minor = st.Int(6);
  r.clv_minor = st.Int(7);
  r.risk = st.Text(8);
  return r;
}

}  // namespace

Result<std::optional<ClvScoreRecord>> SqliteStore::FindClvScore(const std::string& external_id) {
  auto cached = Cached(kFindScore);
  if (!cached) return core::Err(cached.error());
  Statement& st = **cached;
  ResetOnExit reset(st);
  st.Bind(1, std::string_view(external_id));
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<ClvScoreRecord>();
  return std::optional<ClvScoreRecord>(ScoreFromRow(st));
}

Status SqliteStore::ScanClvScores(const std::function<void(const ClvScoreRecord&)>& fn) {
  Statement st;
  if (auto s = st.Prepare(db_, kScanScores); !s.ok()) {
    return s;
  }
  while (true) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) return {};
    fn(ScoreFromRow(st));
  }
}

}  // namespace retain::storage::sqlite
