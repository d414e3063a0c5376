// Opening a store from a location string: the only place a backend is chosen.
#pragma once

#include <memory>
#include <string>

#include "retain/storage/store.h"

namespace retain::storage {

enum class OpenMode {
  kCreate,     // create the database if missing (retain init)
  kMustExist,  // fail with kNotFound and a hint to run `retain init`
};

// Opens `location`: "sqlite:PATH" or a plain PATH (SQLite), or a
// "postgresql://user:password@host:port/database" URL (PostgreSQL; any libpq
// URI parameter works, e.g. ?sslmode=require). Applies pending schema
// migrations; refuses (kFailedPrecondition) a database written by a newer
// retain. `path_out`, if given, receives the SQLite file path (for caches;
// empty for PostgreSQL).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode,
                                         std::string* path_out = nullptr);

// Whether `location` names a PostgreSQL database.
bool IsPostgresLocation(const std::string& location);

// `location` fit for messages and logs: a PostgreSQL password becomes "***".
std::string DisplayLocation(const std::string& location);

// The schema version this program writes.
int CurrentSchemaVersion();

}  // namespace retain::storage
