// Fitted-model storage of SqliteStore.
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {

Result<int64_t> SqliteStore::SaveClvModel(const ClvModelRecord& m) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "INSERT INTO clv_models(model, fit_json, fitted_at) "
                          "VALUES (?1, ?2, ?3)");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, m.model);
  st.Bind(2, m.fit_json);
  st.Bind(3, m.fitted_at);
  if (auto s = st.Run(); !s.ok()) return core::Err(s);
  return sqlite3_last_insert_rowid(db_);
}

Result<std::optional<ClvModelRecord>> SqliteStore::LatestClvModel(const std::string& model) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT id, model, fit_json, fitted_at FROM clv_models "
                          "WHERE model = ?1 ORDER BY id DESC LIMIT 1");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, model);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<ClvModelRecord>();
  return std::optional<ClvModelRecord>(
      ClvModelRecord{st.Int(0), st.Text(1), st.Text(2), st.Text(3)});
}

}  // namespace retain::storage::sqlite
