// The retain program: hands the command line to the CLI layer.
#include "retain/cli/cli.h"

int main(int argc, char** argv) { return retain::cli::Main(argc, argv); }
