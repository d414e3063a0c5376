// For tests: the throw-away PostgreSQL server that the test run starts
// (tests/postgres/start.sh), and fresh databases on it.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "retain/storage/postgres/connection.h"

namespace retain::storage::postgres {

// The URL of the test server's admin database, or nullopt when the run has
// none (PostgreSQL not installed). RETAIN_TEST_POSTGRES overrides the file the
// build names.
inline std::optional<std::string> TestServerUrl() {
  if (const char* env = std::getenv("RETAIN_TEST_POSTGRES"); env && *env) return std::string(env);
#ifdef RETAIN_TEST_POSTGRES_URL_FILE
  std::ifstream in(RETAIN_TEST_POSTGRES_URL_FILE);
  std::string url;
  if (in && std::getline(in, url) && !url.empty()) return url;
#endif
  return std::nullopt;
}

// The message tests skip with when there is no test server.
inline constexpr const char* kNoTestServer =
    "SKIPPED: no PostgreSQL test server (tests/postgres/start.sh found no postgresql-15); "
    "install postgresql-15 to run the PostgreSQL half of the tests";

// Creates a new, empty database on the test server and returns its URL, or
// "" on failure (with the reason in *error).
inline std::string CreateTestDatabase(std::string* error) {
  auto server = TestServerUrl();
  if (!server) {
    *error = kNoTestServer;
    return "";
  }
  auto admin = Connection::Open(*server);
  if (!admin) {
    *error = admin.error().message();
    return "";
  }
  static std::atomic<int> counter{0};
  const std::string name =
      "retain_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (auto s = (*admin)->Exec("DROP DATABASE IF EXISTS " + name); !s.ok()) {
    *error = s.message();
    return "";
  }
  if (auto s = (*admin)->Exec("CREATE DATABASE " + name); !s.ok()) {
    *error = s.message();
    return "";
  }
  const size_t slash = server->rfind('/');
  return server->substr(0, slash + 1) + name;
}

}  // namespace retain::storage::postgres
