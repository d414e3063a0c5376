// The `cdnow` preset: the CDNOW transaction logs used in the BTYD literature.
//
// Two whitespace-separated formats, detected per file from the first line:
//  * sample (CDNOW_sample.txt): no header, 5 columns
//      master_id sample_id YYYYMMDD number_of_cds dollar_value
//  * master (CDNOW_master.txt): header " customer_id  date number_of_cds
//    dollar_value", then 4 columns
//      master_id YYYYMMDD number_of_cds dollar_value
// Both key customers by the 5-digit master id as written ("00004"), so the
// two files describe the same customers. Every row becomes one USD order
// with one line; amounts are dollars with a decimal point.
#pragma once

#include "retain/ingest/preset.h"

namespace retain::ingest {

class CdnowPreset final : public Preset {
 public:
  // Reads each file in turn. A customer is written the first time it appears
  // in a file (external id only, country US). Row n of a customer's rows on
  // one date becomes order "<master_id>-<YYYYMMDD>-<n>", so re-importing the
  // same file writes the same ids.
  core::Status Import(const std::vector<std::string>& files, ImportContext& ctx,
                      RecordSink& sink) override;
};

}  // namespace retain::ingest
