#include "retain/app/message_config.h"

#include <filesystem>

#include "retain/storage/open_store.h"

namespace retain::app {

std::string DefaultWorkListDir(const std::string& location) {
  if (storage::IsPostgresLocation(location)) return "work-lists";
  std::string path = location;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  return (std::filesystem::path(path).parent_path() / "work-lists").string();
}

}  // namespace retain::app
