// A thin RAII wrapper around a libpq connection: parameters always bound
// (text format), never spliced into SQL text; each distinct SQL text is
// prepared once per connection and reused.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "retain/core/status.h"

namespace retain::storage::postgres {

// A double as text that reads back to the same value.
std::string RealText(double v);

// The values bound to $1, $2, ... of one statement (text format; nullopt is NULL).
class Params {
 public:
  Params& Add(std::string_view v) { return Push(std::string(v)); }
  Params& Add(const char* v) { return Push(std::string(v)); }
  Params& Add(int64_t v) { return Push(std::to_string(v)); }
  Params& Add(int v) { return Push(std::to_string(v)); }
  // Empty text is NULL (an absent import field).
  Params& AddOrNull(std::string_view v) { return v.empty() ? Null() : Push(std::string(v)); }
  Params& AddDay(const std::optional<int32_t>& d) { return d ? Push(std::to_string(*d)) : Null(); }
  Params& AddReal(double v) { return Push(RealText(v)); }
  Params& Null() {
    values_.emplace_back();
    return *this;
  }
  size_t size() const { return values_.size(); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }
  // Pointers for libpq (NULL for SQL NULL); valid while this object lives unchanged.
  std::vector<const char*> Pointers() const;

 private:
  Params& Push(std::string v) {
    values_.emplace_back(std::move(v));
    return *this;
  }
  std::vector<std::optional<std::string>> values_;
};

// A PostgreSQL text-format array literal ({"a","b",NULL}) of these values, for
// binding a whole column of a batch as one parameter.
std::string ArrayLiteral(const std::vector<std::optional<std::string>>& values);

// A query's rows, all in memory.
class Rows {
 public:
  explicit Rows(PGresult* r = nullptr) : r_(r, PQclear) {}
  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col); }
  std::string_view TextView(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string Text(int row, int col) const { return std::string(TextView(row, col)); }
  int64_t Int(int row, int col) const;
  double Real(int row, int col) const;
  // Rows affected by an INSERT/UPDATE/DELETE.
  int64_t Affected() const;

 private:
  std::shared_ptr<PGresult> r_;
};

class Connection {
 public:
  // Connects to `url` (a postgresql:// URI or libpq keyword string). Errors
  // never repeat the password.
  static core::Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (schema, transactions); may hold several statements.
  core::Status Exec(const std::string& sql);
  // Runs one statement with bound parameters; all rows in memory.
  core::Result<Rows> Query(const std::string& sql, const Params& params = {});
  // Runs one statement and calls fn for each row as it arrives (single-row
  // mode): for scans over millions of rows. fn sees a one-row Rows (row 0).
  core::Status Stream(const std::string& sql, const Params& params,
                      const std::function<void(const Rows&)>& fn);

  // The URL with any password replaced by "***", for messages.
  const std::string& display_url() const { return display_url_; }

 private:
  explicit Connection(PGconn* c, std::string display)
      : conn_(c), display_url_(std::move(display)) {}
  // The name of the prepared statement for `sql`, preparing it on first use.
  core::Result<const std::string*> Prepared(const std::string& sql, int params);
  core::Status ErrorOf(PGresult* r, const std::string& what);

  PGconn* conn_;
  std::string display_url_;
  std::unordered_map<std::string, std::string> prepared_;
};

// The URL with a password replaced by "***".
std::string RedactUrl(const std::string& url);

}  // namespace retain::storage::postgres
