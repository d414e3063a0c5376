// Numbered schema migrations for the SQLite backend.
//
// PRAGMA user_version holds the number of migrations applied. Opening a
// database applies the missing ones in one transaction; a database with a
// higher number than this program knows is refused.
#pragma once

#include <sqlite3.h>

#include "retain/core/status.h"

namespace retain::storage::sqlite {

// Number of migrations this program knows (= the schema version it writes).
int LatestSchemaVersion();

// Brings the database to LatestSchemaVersion(). `path` is used in messages only.
core::Status Migrate(sqlite3* db, const std::string& path);

}  // namespace retain::storage::sqlite
