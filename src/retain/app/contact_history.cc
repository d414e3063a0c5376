#include "retain/app/contact_history.h"

#include <algorithm>

#include "retain/contact/triggers.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

// A text field of an object, or null.
json TextOf(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return nullptr;
  return obj[key].get<std::string>();
}

// When the contact left (sent or put into a work list), and why it failed.
void AddDelivery(json& row, const storage::InteractionRecord& r, const nlohmann::json& detail) {
  const nlohmann::json delivery =
      detail.is_object() ? detail.value("delivery", nlohmann::json()) : nlohmann::json();
  const bool left = r.status == "sent" || r.status == "exported";
  row["sent_at"] = left ? TextOf(delivery, "at") : json();
  row["error"] = r.status == "failed" ? TextOf(delivery, "reason") : json();
}

json Page(std::vector<json> rows, size_t limit, size_t offset) {
  json page = json::array();
  const size_t from = std::min(offset, rows.size());
  const size_t to = std::min(rows.size(), from + limit);
  for (size_t i = from; i < to; ++i) page.push_back(std::move(rows[i]));
  return page;
}

}  // namespace

json ContactJson(const storage::InteractionRecord& r) {
  const auto detail = nlohmann::json::parse(r.detail, nullptr, false);
  json row = {{"id", r.id},         {"day", core::FormatDay(r.day)},
              {"trigger", r.kind},  {"channel", r.channel.empty() ? json() : json(r.channel)},
              {"status", r.status}, {"template", TextOf(detail, "template")}};
  json reason = TextOf(detail, "reason");
  if (reason.is_null()) reason = TextOf(detail, "problem");  // a reported order problem
  row["reason"] = reason;
  row["offer"] = detail.is_object() && detail.contains("offer") && detail["offer"].is_object()
                     ? json(detail["offer"])
                     : json();
  AddDelivery(row, r, detail);
  return row;
}

core::Result<json> CustomerContactsJson(storage::Store& store, const std::string& customer_id,
                                        size_t limit, size_t offset) {
  auto exists = store.CustomerExists(customer_id);
  if (!exists) return core::Err(exists.error());
  if (!*exists) return core::Err(core::NotFound("no customer '" + customer_id + "'"));
  auto contacts = store.CustomerInteractions(customer_id);
  if (!contacts) return core::Err(contacts.error());
  // Oldest first as stored: newest first is the same list backwards, with
  // a day's later records before its earlier ones.
  std::stable_sort(contacts->begin(), contacts->end(),
                   [](const storage::InteractionRecord& a, const storage::InteractionRecord& b) {
                     return a.day != b.day ? a.day > b.day : a.id > b.id;
                   });
  std::vector<json> rows;
  rows.reserve(contacts->size());
  for (const auto& c : *contacts) rows.push_back(ContactJson(c));
  const size_t total = rows.size();
  json j = {{"customer_id", customer_id}, {"total", total}};
  j["contacts"] = Page(std::move(rows), limit, offset);
  j["next_offset"] = offset + limit < total ? json(offset + limit) : json();
  return j;
}

core::Result<json> PlanLogJson(storage::Store& store, core::Day day, size_t limit, size_t offset) {
  auto contacts = store.InteractionsOn(day);
  if (!contacts) return core::Err(contacts.error());
  json counts = {{"planned", 0}, {"sending", 0}, {"sent", 0}, {"failed", 0}, {"exported", 0}};
  std::vector<json> rows;
  for (const auto& c : *contacts) {
    if (!contact::ParseTrigger(c.kind)) continue;  // a complaint, an order problem: not planned
    counts[c.status] = counts.value(c.status, int64_t{0}) + 1;
    const auto detail = nlohmann::json::parse(c.detail, nullptr, false);
    json row = {{"id", c.id},
                {"customer_id", c.customer_id},
                {"trigger", c.kind},
                {"channel", c.channel},
                {"status", c.status}};
    AddDelivery(row, c, detail);
    rows.push_back(std::move(row));
  }
  const size_t total = rows.size();
  json j = {{"date", core::FormatDay(day)}, {"total", total}, {"counts", std::move(counts)}};
  j["contacts"] = Page(std::move(rows), limit, offset);
  j["next_offset"] = offset + limit < total ? json(offset + limit) : json();
  return j;
}

}  // namespace retain::app
