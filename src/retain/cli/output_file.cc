#include "retain/cli/output_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace retain::cli {

core::Status WriteFileReplacing(const std::string& path,
                                const std::function<core::Status(std::ostream&)>& write) {
  const std::string tmp = path + ".tmp";
  core::Status written;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::IoError("cannot write " + path);
    written = write(out);
    out.flush();
    if (written.ok() && !out) written = core::IoError("cannot write " + path);
  }
  if (!written.ok()) {
    std::remove(tmp.c_str());
    return written;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return core::IoError("cannot write " + path + ": " + ec.message());
  }
  return {};
}

}  // namespace retain::cli
