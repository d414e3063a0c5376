#include "retain/storage/postgres/connection.h"

#include <charconv>
#include <cstdio>

namespace retain::storage::postgres {

std::string RealText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

std::string ArrayLiteral(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    if (!values[i]) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (char c : *values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

int64_t Rows::Int(int row, int col) const {
  const std::string_view v = TextView(row, col);
  int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

double Rows::Real(int row, int col) const {
  return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}

int64_t Rows::Affected() const {
  const char* n = r_ ? PQcmdTuples(r_.get()) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

std::string RedactUrl(const std::string& url) {
  // postgresql://user:password@host/...: hide what lies between ':' and '@'.
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

core::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  const std::string display = RedactUrl(url);
  if (c == nullptr)
    return core::Err(core::IoError("cannot connect to " + display + ": out of memory"));
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(c);
    return core::Err(core::IoError("cannot connect to PostgreSQL at " + display + ": " + msg));
  }
  std::unique_ptr<Connection> conn(new Connection(c, display));
  // Quiet NOTICEs (e.g. "relation already exists, skipping") on stderr.
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  if (auto s = conn->Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"); !s.ok()) {
    return core::Err(s);
  }
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

core::Status Connection::ErrorOf(PGresult* r, const std::string& what) {
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  PQclear(r);
  if (code == "23505") return core::AlreadyExists("database: " + msg);
  // Connection trouble, serialization failures, deadlocks, disk full: worth a retry.
  if (code.empty() || code.rfind("08", 0) == 0 || code == "40001" || code == "40P01" ||
      code.rfind("53", 0) == 0 || code.rfind("57", 0) == 0) {
    if (PQstatus(conn_) == CONNECTION_BAD) {
      PQreset(conn_);
      prepared_.clear();
    }
    return core::IoError("database (" + display_url_ + ") " + what + ": " + msg);
  }
  return core::Internal("database " + what + ": " + msg);
}

core::Status Connection::Exec(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return ErrorOf(r, "exec");
  PQclear(r);
  return {};
}

core::Result<const std::string*> Connection::Prepared(const std::string& sql, int params) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
  std::string name = "r" + std::to_string(prepared_.size() + 1);
  PGresult* r = PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) return core::Err(ErrorOf(r, "prepare"));
  PQclear(r);
  return &prepared_.emplace(sql, std::move(name)).first->second;
}

core::Result<Rows> Connection::Query(const std::string& sql, const Params& params) {
  const int n = static_cast<int>(params.size());
  auto name = Prepared(sql, n);
  if (!name) return core::Err(name.error());
  const auto values = params.Pointers();
  PGresult* r = PQexecPrepared(conn_, (*name)->c_str(), n, values.data(), nullptr, nullptr, 0);
  const auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return core::Err(ErrorOf(r, "query"));
  return Rows(r);
}

core::Status Connection::Stream(const std::string& sql, const Params& params,
                                const std::function<void(const Rows&)>& fn) {
  const int n = static_cast<int>(params.size());
  auto name = Prepared(sql, n);
  if (!name) return name.error();
  const auto values = params.Pointers();
  if (!PQsendQueryPrepared(conn_, (*name)->c_str(), n, values.data(), nullptr, nullptr, 0)) {
    return ErrorOf(nullptr, "query");
  }
  PQsetSingleRowMode(conn_);
  core::Status failure;
  while (PGresult* r = PQgetResult(conn_)) {
    const auto st = PQresultStatus(r);
    if (st == PGRES_SINGLE_TUPLE) {
      Rows row(r);
      if (failure.ok()) fn(row);
    } else if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
      PQclear(r);
    } else if (failure.ok()) {
      failure = ErrorOf(r, "scan");
    } else {
      PQclear(r);
    }
  }
  return failure;
}

}  // namespace retain::storage::postgres
