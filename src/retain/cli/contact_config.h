// The contact calendar's settings from the [contact] table of the TOML
// configuration file (the one `retain serve --config` reads); every setting
// not given keeps its default (see the README's "Contact calendar").
//
//   [contact]
//   informal = true              # "du" in German messages
//   problem_statuses = ["delayed", "damaged"]
//   [contact.consumer]
//   min_gap_days = 10
//   [[contact.events]]
//   name = "Sommerfest"
//   day = "2026-07-04"
#pragma once

#include <toml++/toml.h>

#include <string>

#include "retain/app/contact_plan.h"
#include "retain/core/status.h"

namespace retain::cli {

// Reads the [contact] table on top of `settings` (whose program, from
// [loyalty], gives the birthday and renewal bonuses); kInvalidArgument naming
// the file, line, column and setting for an unknown or wrong setting or a
// calendar that does not pass contact::Validate.
core::Status ReadContactSettings(const toml::table& contact, const std::string& path,
                                 app::PlanSettings& settings);

// The plan's settings from the file at `path` ([loyalty], [contact] and
// [listening]); the defaults for what is not there, or for everything when
// `path` is empty.
core::Result<app::PlanSettings> LoadPlanSettings(const std::string& path);

}  // namespace retain::cli
