// The `retain` command line: subcommands, --help, exit codes.
#pragma once

namespace retain::cli {

// Exit codes: 0 success, 1 runtime failure (I/O, database), 2 usage or input
// error (bad option, bad file), 3 not found (customer, database), 4 database
// in the wrong state (newer schema).
int Main(int argc, char** argv);

}  // namespace retain::cli
