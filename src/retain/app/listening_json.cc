#include "retain/app/listening_json.h"

#include <cmath>

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json Hours(std::optional<double> v) {
  if (!v) return nullptr;
  return std::round(*v * 10) / 10;
}

}  // namespace

json TaskJson(const storage::TaskRecord& t, core::Day today) {
  return json{{"id", t.id},
              {"customer_id", t.customer_id},
              {"kind", t.kind},
              {"reference", OrNull(t.reference)},
              {"reason", t.reason},
              {"due", core::FormatDay(t.due)},
              {"status", t.status},
              {"assignee", OrNull(t.assignee)},
              {"note", OrNull(t.note)},
              {"created_at", t.created_at},
              {"done_at", OrNull(t.done_at)},
              {"overdue", t.status == "open" && t.due < today}};
}

json ConversationJson(const storage::ConversationRecord& c) {
  return json{{"id", c.id},
              {"customer_id", c.customer_id},
              {"channel", c.channel},
              {"topic", c.topic},
              {"complaint", c.complaint},
              {"status", c.status},
              {"assignee", OrNull(c.assignee)},
              {"summary", c.summary},
              {"day", core::FormatDay(c.day)},
              {"opened_at", c.opened_at},
              {"first_response_at", OrNull(c.first_response_at)},
              {"closed_at", OrNull(c.closed_at)},
              {"updated_at", c.updated_at}};
}

json ServiceKpisJson(const ServiceKpis& k) {
  return json{
      {"opened", k.opened},
      {"complaints", k.complaints},
      {"responded", k.responded},
      {"closed", k.closed},
      {"open_now", k.open_now},
      {"first_response_hours",
       {{"median", Hours(k.first_response_hours_median)},
        {"mean", Hours(k.first_response_hours_mean)}}},
      {"resolution_hours",
       {{"median", Hours(k.resolution_hours_median)}, {"mean", Hours(k.resolution_hours_mean)}}}};
}

}  // namespace retain::app
