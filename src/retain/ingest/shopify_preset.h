// The `shopify` preset: Shopify's "Export orders" CSV (Orders > Export).
//
// One order spans consecutive rows with the same Name ("#1001"): the first
// row carries the order fields (Email, Created at, Total, billing address,
// ...), every row carries one line item (Lineitem quantity, name, price, sku,
// discount). Column names are matched case-insensitively; columns retain does
// not use are ignored. Amounts use the decimal point unless the file is
// ';'-delimited.
#pragma once

#include "retain/ingest/preset.h"

namespace retain::ingest {

class ShopifyPreset final : public Preset {
 public:
  // Reads each file in turn and writes, per order: the customer (first time
  // seen; keyed by the lower-cased Email, else "shopify-" + Billing Phone),
  // the order, its lines, and a return "<Name>-refund" when Refunded Amount
  // is above zero. An order without email and phone is rejected. Store
  // orders are those whose Source is "pos" (store id = Location).
  core::Status Import(const std::vector<std::string>& files, ImportContext& ctx,
                      RecordSink& sink) override;
};

}  // namespace retain::ingest
