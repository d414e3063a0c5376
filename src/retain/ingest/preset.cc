#include "retain/ingest/preset.h"

#include "retain/ingest/cdnow_preset.h"
#include "retain/ingest/generic_preset.h"
#include "retain/ingest/online_retail_preset.h"
#include "retain/ingest/shopify_preset.h"

namespace retain::ingest {

const std::vector<PresetInfo>& Presets() {
  static const std::vector<PresetInfo> presets = {
      {"generic", "retain's own CSV files: customers, products, orders, order_lines, returns"},
      {"shopify", "Shopify's \"Export orders\" CSV (one row per line item)"},
      {"online-retail", "UCI Online Retail CSV (.csv or .gz): invoices, C-invoices as returns"},
      {"cdnow", "CDNOW transaction logs (CDNOW_sample.txt, CDNOW_master.txt)"},
  };
  return presets;
}

core::Result<std::unique_ptr<Preset>> MakePreset(std::string_view name) {
  if (name == "generic") return std::make_unique<GenericPreset>();
  if (name == "shopify") return std::make_unique<ShopifyPreset>();
  if (name == "online-retail") return std::make_unique<OnlineRetailPreset>();
  if (name == "cdnow") return std::make_unique<CdnowPreset>();
  std::string known;
  for (const auto& p : Presets()) known += std::string(known.empty() ? "" : ", ") + p.name;
  return core::Err(
      core::InvalidArgument("unknown preset '" + std::string(name) + "' (known: " + known + ")"));
}

}  // namespace retain::ingest
