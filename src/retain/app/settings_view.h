// The configuration in force, as the dashboard's settings page shows it:
// the definitions behind the reports, the contact calendar, listening,
// messages, the mail server and the Kunden-Club. Never a password or a key:
// of the mail server's password only whether one is set.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "retain/app/contact_plan.h"
#include "retain/app/message_config.h"
#include "retain/storage/store.h"

namespace retain::app {

// What the settings come from.
struct SettingsSources {
  const PlanSettings* contact = nullptr;    // [contact] and [listening]
  const MessageConfig* messages = nullptr;  // [contact.shop], [contact.messages], [contact.smtp]
  std::string work_list_dir;                // where the server writes work lists
  nlohmann::ordered_json loyalty;           // LoyaltyClub::ProgramView()
  // The run behind the current forecasts (its risk thresholds and
  // horizon are the ones in force), or nullopt: the defaults.
  std::optional<storage::ClvScoreRun> score_run;
};

// {"definitions":{"window_days","existing_min_orders","kpi_period_days","lifecycle":{...},
//  "clv_horizon_months","discount_monthly","high_risk_below","medium_risk_below",
//  "risk_from"},
//  "contact":{[contact] settings, "consumer":{caps},"business":{caps},"events":[...]},
//  "listening":{[listening] settings},
//  "messages":{"public_url","from","from_name","shop":{...},...,"work_list_dir"},
//  "smtp":{"host","port","tls","user","from","timeout_seconds","configured","password_set"},
//  "loyalty":{the program}}
nlohmann::ordered_json SettingsJson(const SettingsSources& sources);

}  // namespace retain::app
