#include "retain/ingest/preset.h"

#include "retain/ingest/generic_preset.h"

namespace retain::ingest {

const std::vector<PresetInfo>& Presets() {
  static const std::vector<PresetInfo> presets = {
      {"generic", "retain's own CSV files: customers, products, orders, order_lines, returns"},
  };
  return presets;
}

core::Result<std::unique_ptr<Preset>> MakePreset(std::string_view name) {
  if (name == "generic") return std::make_unique<GenericPreset>();
  std::string known;
  for (const auto& p : Presets()) known += std::string(known.empty() ? "" : ", ") + p.name;
  return core::Err(
      core::InvalidArgument("unknown preset '" + std::string(name) + "' (known: " + known + ")"));
}

}  // namespace retain::ingest
