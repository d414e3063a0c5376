// Preset: one source format (a shop system's export or retain's own files).
//
// A preset reads its files, validates every row, and hands records to a
// RecordSink. Bad rows go to the context's RowReporter, which either stops
// the import (default) or skips them (--skip-bad).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retain/ingest/import_context.h"
#include "retain/ingest/record_sink.h"

namespace retain::ingest {

class Preset {
 public:
  virtual ~Preset() = default;
  // Reads `files` into `sink`. Returns the first error that stops the import.
  virtual core::Status Import(const std::vector<std::string>& files, ImportContext& ctx,
                              RecordSink& sink) = 0;
};

struct PresetInfo {
  const char* name;
  const char* description;  // one line, for --help
};

// All presets, in the order --help lists them.
const std::vector<PresetInfo>& Presets();

// The preset called `name`; kInvalidArgument listing the known names otherwise.
core::Result<std::unique_ptr<Preset>> MakePreset(std::string_view name);

}  // namespace retain::ingest
