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

// Opens `location`: "sqlite:PATH" or a plain PATH (SQLite). Applies pending
// schema migrations; refuses (kFailedPrecondition) a database written by a
// newer retain. `path_out`, if given, receives the file path (for caches).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode,
                                         std::string* path_out = nullptr);

// The schema version this program writes.
int CurrentSchemaVersion();

}  // namespace retain::storage
