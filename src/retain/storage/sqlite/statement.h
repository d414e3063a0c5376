// A thin RAII wrapper around sqlite3_stmt: prepared statements only, values
// always bound, never spliced into SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retain/core/status.h"

namespace retain::storage::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Compiles `sql`. Failure is a programming error in our SQL: kInternal.
  core::Status Prepare(sqlite3* db, const char* sql);

  // Binds 1-based parameter `i`. Empty strings bind as NULL when null_if_empty.
  // Text is not copied: it must stay alive and unchanged until the statement
  // is reset (Run() resets; after Step() call Reset()).
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, std::string_view v, bool null_if_empty = false);
  // Temporaries are copied (they would not live until the step).
  void Bind(int i, std::string&& v, bool null_if_empty = false);
  // For string literals and other text of static lifetime.
  void Bind(int i, const char* v, bool null_if_empty = false) {
    Bind(i, std::string_view(v), null_if_empty);
  }
  void BindReal(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  void BindOptionalDay(int i, const std::optional<int32_t>& d);

  // Runs one step: true if a row is ready, false when done; error as Status.
  core::Result<bool> Step();
  // Runs to completion ignoring rows, then resets.
  core::Status Run();
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  std::string_view TextView(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a reused statement when the scope ends, so it never holds a read
// transaction open (which would pin an old snapshot of the database).
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& st) : st_(st) {}
  ~ResetOnExit() { st_.Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& st_;
};

// Steps `st` to the end, calling fn at each row.
template <class Fn>
core::Status EachRow(Statement& st, Fn fn) {
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error();
    if (!*row) return {};
    fn();
  }
}

// Runs SQL without parameters (schema, pragmas, transactions).
core::Status Exec(sqlite3* db, const char* sql);

}  // namespace retain::storage::sqlite
