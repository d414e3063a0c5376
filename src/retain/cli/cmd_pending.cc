#include "retain/cli/commands.h"

namespace retain::cli {
void RegisterGen(CLI::App&, Context&) {}
}  // namespace retain::cli
