// Service conversations: logging inbound contacts, answering and closing
// them, and the service figures (first response, resolution).
#include <algorithm>
#include <numeric>

#include "retain/app/listening.h"

namespace retain::app {
namespace {

bool KnownChannel(const std::string& c) {
  return std::any_of(std::begin(kConversationChannels), std::end(kConversationChannels),
                     [&](const char* k) { return c == k; });
}

bool KnownStatus(const std::string& s) { return s == "open" || s == "waiting" || s == "closed"; }

std::optional<int64_t> EpochSeconds(std::string_view iso) {
  if (iso.empty()) return std::nullopt;
  auto ts = core::ParseTimestamp(iso);
  if (!ts || !ts->utc_offset_minutes) return std::nullopt;
  return int64_t{ts->day} * 86400 + ts->seconds - int64_t{*ts->utc_offset_minutes} * 60;
}

std::optional<double> Median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> Mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

}  // namespace

std::string_view RaisedRiskBand(std::string_view band) {
  return band == "medium" || band == "high" ? "high" : "medium";
}

std::optional<int64_t> SecondsBetween(std::string_view a, std::string_view b) {
  const auto x = EpochSeconds(a), y = EpochSeconds(b);
  if (!x || !y) return std::nullopt;
  return *y - *x;
}

core::Result<storage::ConversationRecord> OpenConversation(storage::Store& store,
                                                           const ConversationInput& in,
                                                           core::Day today,
                                                           const std::string& now) {
  if (in.customer_id.empty()) return core::Err(core::InvalidArgument("customer_id: is required"));
  if (!KnownChannel(in.channel)) {
    return core::Err(core::InvalidArgument(
        "channel: must be one of email, phone, chat, store, letter, social, other"));
  }
  if (in.topic.empty()) return core::Err(core::InvalidArgument("topic: is required"));
  if (!KnownStatus(in.status)) {
    return core::Err(core::InvalidArgument("status: must be open, waiting or closed"));
  }
  storage::ConversationRecord c;
  c.customer_id = in.customer_id;
  c.channel = in.channel;
  c.topic = in.topic;
  c.complaint = in.complaint.value_or(in.topic == "complaint" || in.topic == "Beschwerde");
  c.status = in.status;
  c.assignee = in.assignee;
  c.summary = in.summary;
  c.opened_at = in.opened_at.empty() ? now : in.opened_at;
  c.day = today;
  if (!in.opened_at.empty()) {
    auto ts = core::ParseTimestamp(in.opened_at);
    if (!ts || !ts->utc_offset_minutes) {
      return core::Err(core::InvalidArgument(
          "opened_at: must be a time with its offset, e.g. 2026-11-24T09:30:00+01:00"));
    }
    c.day = ts->day;
  }
  c.updated_at = now;
  if (c.status != "open") c.first_response_at = c.opened_at;
  if (c.status == "closed") c.closed_at = c.opened_at;
  auto id = store.SaveConversation(c);
  if (!id) {
    if (id.error().code() == core::Code::kNotFound) {
      return core::Err(core::NotFound("customer_id: unknown customer '" + in.customer_id + "'"));
    }
    return core::Err(id.error());
  }
  c.id = *id;
  return c;
}

core::Result<storage::ConversationRecord> FindConversation(storage::Store& store, int64_t id) {
  std::optional<storage::ConversationRecord> found;
  auto s =
      store.ScanConversations({.id = id}, [&](const storage::ConversationRecord& c) { found = c; });
  if (!s.ok()) return core::Err(s);
  if (!found) return core::Err(core::NotFound("there is no conversation " + std::to_string(id)));
  return *found;
}

core::Result<storage::ConversationRecord> ChangeConversation(storage::Store& store, int64_t id,
                                                             const ConversationChange& change,
                                                             const std::string& now) {
  auto found = FindConversation(store, id);
  if (!found) return core::Err(found.error());
  storage::ConversationRecord c = *found;
  bool answered = change.responded;
  if (change.status) {
    if (!KnownStatus(*change.status)) {
      return core::Err(core::InvalidArgument("status: must be open, waiting or closed"));
    }
    if (*change.status != "open") answered = true;
    if (*change.status == "closed" && c.status != "closed") c.closed_at = now;
    if (*change.status != "closed") c.closed_at.clear();
    c.status = *change.status;
  }
  if (answered && c.first_response_at.empty()) c.first_response_at = now;
  if (change.assignee) c.assignee = *change.assignee;
  if (change.topic) {
    if (change.topic->empty()) return core::Err(core::InvalidArgument("topic: must not be empty"));
    c.topic = *change.topic;
  }
  if (change.complaint) c.complaint = *change.complaint;
  if (change.note && !change.note->empty()) {
    c.summary += (c.summary.empty() ? "" : "\n") + *change.note;
  }
  c.updated_at = now;
  auto updated = store.UpdateConversation(c);
  if (!updated) return core::Err(updated.error());
  if (!*updated) return core::Err(core::NotFound("there is no conversation " + std::to_string(id)));
  return c;
}

core::Result<ServiceKpis> ComputeServiceKpis(storage::Store& store, core::Day from, core::Day to) {
  ServiceKpis k;
  std::vector<double> response, resolution;
  auto s =
      store.ScanConversations({.from = from, .to = to}, [&](const storage::ConversationRecord& c) {
        ++k.opened;
        if (c.complaint) ++k.complaints;
        if (c.status != "closed") ++k.open_now;
        if (auto d = SecondsBetween(c.opened_at, c.first_response_at)) {
          ++k.responded;
          response.push_back(std::max<int64_t>(*d, 0) / 3600.0);
        }
        if (c.status == "closed") {
          ++k.closed;
          if (auto d = SecondsBetween(c.opened_at, c.closed_at)) {
            resolution.push_back(std::max<int64_t>(*d, 0) / 3600.0);
          }
        }
      });
  if (!s.ok()) return core::Err(s);
  k.first_response_hours_median = Median(response);
  k.first_response_hours_mean = Mean(response);
  k.resolution_hours_median = Median(resolution);
  k.resolution_hours_mean = Mean(resolution);
  return k;
}

}  // namespace retain::app
