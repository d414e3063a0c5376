// The `generic` preset: retain's own documented CSV files (docs/import-formats.md).
#pragma once

#include "retain/ingest/preset.h"

namespace retain::ingest {

class GenericPreset final : public Preset {
 public:
  // Loads the files in dependency order (products, customers, orders, order
  // lines, returns); the kind of each comes from its file name.
  core::Status Import(const std::vector<std::string>& files, ImportContext& ctx,
                      RecordSink& sink) override;
};

// Which generic file a path is, from its name; kInvalidArgument if unclear.
enum class GenericKind { kProducts, kCustomers, kOrders, kOrderLines, kReturns };
core::Result<GenericKind> GenericKindOf(const std::string& path);

// Reads a consent field ("granted", "yes", "ja", "1", "denied", ...).
// Returns false if the text is not one of them.
bool ParseConsent(std::string_view text, model::ConsentState& out);

}  // namespace retain::ingest
