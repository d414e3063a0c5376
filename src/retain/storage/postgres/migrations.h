// The PostgreSQL schema and its migrations (the same versions as SQLite's).
#pragma once

#include "retain/core/status.h"
#include "retain/storage/postgres/connection.h"

namespace retain::storage::postgres {

// Whether the database holds a retain schema at all.
core::Result<bool> HasSchema(Connection& conn);

// Brings the schema up to date in one transaction, serialized between
// processes by an advisory lock (two servers starting at once is safe).
// Refuses (kFailedPrecondition) a schema newer than this program knows.
core::Status Migrate(Connection& conn);

}  // namespace retain::storage::postgres
