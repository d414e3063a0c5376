// Writing a report file (--out) so that a failed or interrupted write never
// leaves a half-written file in its place.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "retain/core/status.h"

namespace retain::cli {

// Writes `path` through write(stream) into PATH.tmp, then renames it over
// PATH. On an error from write or the disk, PATH is left as it was and the
// temporary file removed; kIo names the path.
core::Status WriteFileReplacing(const std::string& path,
                                const std::function<core::Status(std::ostream&)>& write);

}  // namespace retain::cli
