// The JSON shapes of tasks, conversations and service figures, shared by the
// API and the CLI's --json.
#pragma once

#include <nlohmann/json.hpp>

#include "retain/app/listening.h"

namespace retain::app {

// {"id", "customer_id", "kind", "reference", "reason", "due", "status",
//  "assignee", "note", "created_at", "done_at", "overdue"} ("" as null).
nlohmann::ordered_json TaskJson(const storage::TaskRecord& t, core::Day today);

// {"id", "customer_id", "channel", "topic", "complaint", "status", "assignee",
//  "summary", "day", "opened_at", "first_response_at", "closed_at", "updated_at"}.
nlohmann::ordered_json ConversationJson(const storage::ConversationRecord& c);

// {"opened", "complaints", "responded", "closed", "open_now",
//  "first_response_hours": {"median", "mean"}, "resolution_hours": {...}}.
nlohmann::ordered_json ServiceKpisJson(const ServiceKpis& k);

}  // namespace retain::app
