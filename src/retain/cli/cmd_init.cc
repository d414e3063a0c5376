#include <filesystem>

#include "retain/cli/commands.h"

namespace retain::cli {

void RegisterInit(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "init", "Create an empty database (or upgrade an existing one to this version's schema)");
  cmd->callback([&ctx] {
    const bool pg = storage::IsPostgresLocation(ctx.db);
    const bool existed = pg || std::filesystem::exists(ctx.db);
    std::string path;
    auto store = ctx.OpenStore(storage::OpenMode::kCreate, &path);
    if (!store) return;
    std::cout << (existed ? ctx.T("Database ready: ", "Datenbank bereit: ")
                          : ctx.T("Created database ", "Datenbank angelegt: "))
              << (pg ? storage::DisplayLocation(ctx.db) : path) << " (schema "
              << storage::CurrentSchemaVersion() << ")\n";
  });
}

}  // namespace retain::cli
