#include "retain/storage/sqlite/statement.h"

namespace retain::storage::sqlite {

core::Status Statement::Prepare(sqlite3* db, const char* sql) {
  db_ = db;
  sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    return core::Internal(std::string("cannot prepare statement: ") + sqlite3_errmsg(db));
  }
  return {};
}

void Statement::Bind(int i, std::string_view v, bool null_if_empty) {
  if (null_if_empty && v.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
}

void Statement::Bind(int i, std::string&& v, bool null_if_empty) {
  if (null_if_empty && v.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
}

void Statement::BindOptionalDay(int i, const std::optional<int32_t>& d) {
  if (d) {
    sqlite3_bind_int64(stmt_, i, *d);
  } else {
    sqlite3_bind_null(stmt_, i);
  }
}

core::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_READONLY || rc == SQLITE_BUSY) {
    return core::Err(core::IoError("database: " + msg));
  }
  return core::Err(core::Internal("database: " + msg));
}

core::Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r) return r.error();
    if (!*r) break;
  }
  Reset();
  return {};
}

std::string Statement::Text(int col) const { return std::string(TextView(col)); }

std::string_view Statement::TextView(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

core::Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return core::IoError("database: " + msg);
  }
  return {};
}

}  // namespace retain::storage::sqlite
