// The listening settings from the [listening] table of the TOML
// configuration file (the one `retain serve --config` reads); every setting
// not given keeps its default (see the README's "Configuration").
//
//   [listening]
//   call_back_working_days = 2          # a detractor's call-back is due within
//   satisfaction_call_min_cents = 50000 # 0 switches satisfaction calls off
#pragma once

#include <toml++/toml.h>

#include <string>

#include "retain/app/listening.h"
#include "retain/core/status.h"

namespace retain::cli {

// Reads the [listening] table on top of `settings`; kInvalidArgument naming
// the file, line, column and setting for an unknown or wrong setting or one
// out of range.
core::Status ReadListeningSettings(const toml::table& listening, const std::string& path,
                                   app::ListeningSettings& settings);

// The [listening] settings of the file at `path`; the defaults for what is
// not there, or for everything when `path` is empty.
core::Result<app::ListeningSettings> LoadListeningSettings(const std::string& path);

}  // namespace retain::cli
