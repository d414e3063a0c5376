// The Kunden-Club's program from the [loyalty] table of the TOML
// configuration file (the one `retain serve --config` reads); every setting
// not given keeps the default of loyalty::DefaultProgram().
//
//   [loyalty]
//   pending_days = 14
//   [[loyalty.tiers]]
//   name = "Basis"
//   threshold = 0
#pragma once

#include <toml++/toml.h>

#include <string>

#include "retain/cli/toml_settings.h"
#include "retain/core/status.h"
#include "retain/loyalty/program.h"

namespace retain::cli {

// Reads the [loyalty] table; kInvalidArgument naming the file, line, column
// and setting for an unknown or wrong setting or a program that does not
// pass loyalty::Validate.
core::Result<loyalty::LoyaltyProgram> ReadLoyaltyProgram(const toml::table& loyalty,
                                                         const std::string& path);

// Parses the file at `path` and reads its [loyalty] table (the defaults when
// there is none); `path` empty gives the defaults.
core::Result<loyalty::LoyaltyProgram> LoadLoyaltyProgram(const std::string& path);

}  // namespace retain::cli
