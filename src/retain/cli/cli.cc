#include "retain/cli/cli.h"

namespace retain::cli {
int Main(int, char**) { return 0; }
}  // namespace retain::cli
