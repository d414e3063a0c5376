#include "retain/storage/open_store.h"

#include "retain/storage/postgres/pg_store.h"
#include "retain/storage/sqlite/migrations.h"
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode,
                                         std::string* path_out) {
  std::string path = location;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (IsPostgresLocation(location)) {
    if (path_out) path_out->clear();
    auto store = postgres::PgStore::Open(location, mode == OpenMode::kCreate);
    if (!store) return core::Err(store.error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  if (path.empty()) return core::Err(core::InvalidArgument("empty database path"));
  if (path_out) *path_out = path;
  auto store = sqlite::SqliteStore::Open(path, mode == OpenMode::kCreate);
  if (!store) return core::Err(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

bool IsPostgresLocation(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string DisplayLocation(const std::string& location) {
  return IsPostgresLocation(location) ? postgres::RedactUrl(location) : location;
}

int CurrentSchemaVersion() { return sqlite::LatestSchemaVersion(); }

}  // namespace retain::storage
