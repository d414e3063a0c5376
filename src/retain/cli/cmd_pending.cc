#include "retain/cli/commands.h"

namespace retain::cli {
void RegisterGen(CLI::App&, Context&) {}
void RegisterCohorts(CLI::App&, Context&) {}
void RegisterCustomer(CLI::App&, Context&) {}
}  // namespace retain::cli
