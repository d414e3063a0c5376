#include "retain/app/nps_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "retain/app/segments.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

json Rounded(std::optional<double> v, double scale) {
  if (!v) return nullptr;
  return std::round(*v * scale) / scale;
}

// Fills `out` with the RFM segment of every customer as of `day`, by external id.
core::Status Segments(storage::Store& store, const analytics::Snapshot& s, core::Day day,
                      std::unordered_map<std::string, std::string>& out) {
  auto table = LoadCustomerTable(store, s, day);
  if (!table) return table.error();
  const int k = table->FieldIndex("rfm_segment");
  if (k < 0) return {};
  const auto& texts = table->texts(static_cast<size_t>(k));
  for (size_t c = 0; c < s.customers(); ++c) {
    out.emplace(s.customer_ids[c], texts.values[texts.ids[c]]);
  }
  return {};
}

}  // namespace

core::Result<NpsReport> RunNps(storage::Store& store, const analytics::Snapshot* snapshot,
                               const NpsRequest& req, core::Day today) {
  if (!req.by.empty() && req.by != "segment" && req.by != "store" && req.by != "channel" &&
      req.by != "month") {
    return core::Err(core::InvalidArgument("by: must be segment, store, channel or month, not '" +
                                           req.by + "'"));
  }
  NpsReport r;
  r.by = req.by;
  if (req.to) {
    r.to = *req.to;
  } else {
    std::optional<core::Day> latest;
    auto s = store.ScanFeedback({}, [&](const storage::FeedbackRecord& f) {
      latest = std::max(latest.value_or(f.day), f.day);
    });
    if (!s.ok()) return core::Err(s);
    r.to = latest.value_or(today);
  }
  r.from = req.from.value_or(r.to - 89);
  if (r.from > r.to) return core::Err(core::InvalidArgument("from: is after to"));

  std::unordered_map<std::string, std::string> segments;
  if (req.by == "segment") {
    if (!snapshot) return core::Err(core::Internal("NPS by segment needs the snapshot"));
    if (auto st = Segments(store, *snapshot, r.to, segments); !st.ok()) return core::Err(st);
  }
  std::map<std::string, analytics::NpsCounts> groups;
  auto s = store.ScanFeedback({.from = r.from, .to = r.to}, [&](const storage::FeedbackRecord& f) {
    r.total.Add(f.score);
    if (req.by.empty()) return;
    std::string key;
    if (req.by == "segment") {
      auto it = segments.find(f.customer_id);
      key = it == segments.end() ? "" : it->second;
    } else if (req.by == "store") {
      key = f.store;
    } else if (req.by == "channel") {
      key = f.sales_channel;
    } else {
      key = core::FormatMonthIndex(core::MonthIndex(f.day));
    }
    groups[key].Add(f.score);
  });
  if (!s.ok()) return core::Err(s);
  for (auto& [key, counts] : groups) r.groups.push_back({key, counts});

  auto requests = store.CountFeedbackRequests(r.from, r.to);
  if (!requests) return core::Err(requests.error());
  r.requests = requests->requests;
  r.answered_requests = requests->answered;
  if (r.requests > 0) {
    r.response_rate = static_cast<double>(r.answered_requests) / static_cast<double>(r.requests);
  }
  return r;
}

json NpsCountsJson(const analytics::NpsCounts& c) {
  return json{{"answers", c.answers()},
              {"promoters", c.promoters},
              {"passives", c.passives},
              {"detractors", c.detractors},
              {"nps", Rounded(c.Score(), 10)}};
}

json NpsJson(const NpsReport& r) {
  json j{{"from", core::FormatDay(r.from)},
         {"to", core::FormatDay(r.to)},
         {"by", r.by.empty() ? json(nullptr) : json(r.by)}};
  j.update(NpsCountsJson(r.total));
  j["requests"] = r.requests;
  j["answered_requests"] = r.answered_requests;
  j["response_rate"] = Rounded(r.response_rate, 10000);
  json groups = json::array();
  for (const auto& g : r.groups) {
    json row{{"key", g.key}};
    row.update(NpsCountsJson(g.counts));
    groups.push_back(std::move(row));
  }
  j["groups"] = std::move(groups);
  return j;
}

core::Result<std::vector<storage::FeedbackRecord>> FeedbackComments(storage::Store& store,
                                                                    const CommentRequest& r) {
  if (r.min_score < 0 || r.max_score > 10 || r.min_score > r.max_score) {
    return core::Err(core::InvalidArgument("score: the range must lie within 0..10, low to high"));
  }
  if (r.from && r.to && *r.from > *r.to)
    return core::Err(core::InvalidArgument("from: is after to"));
  std::vector<storage::FeedbackRecord> out;
  storage::FeedbackFilter filter{.customer_id = r.customer_id};
  filter.from = r.from.value_or(0);
  filter.to = r.to.value_or(0);
  auto s = store.ScanFeedback(filter, [&](const storage::FeedbackRecord& f) {
    if (!f.comment.empty() && f.score >= r.min_score && f.score <= r.max_score) out.push_back(f);
  });
  if (!s.ok()) return core::Err(s);
  std::reverse(out.begin(), out.end());
  if (r.limit > 0 && out.size() > static_cast<size_t>(r.limit)) out.resize(r.limit);
  return out;
}

json FeedbackJson(const storage::FeedbackRecord& f) {
  return json{{"id", f.id},
              {"customer_id", f.customer_id},
              {"order_id", f.order_id.empty() ? json(nullptr) : json(f.order_id)},
              {"score", f.score},
              {"group", analytics::NpsGroupName(analytics::NpsGroupOf(f.score))},
              {"comment", f.comment},
              {"sales_channel", f.sales_channel.empty() ? json(nullptr) : json(f.sales_channel)},
              {"store", f.store.empty() ? json(nullptr) : json(f.store)},
              {"via", f.via},
              {"day", core::FormatDay(f.day)},
              {"answered_at", f.answered_at},
              {"external_id", f.external_id.empty() ? json(nullptr) : json(f.external_id)},
              {"request_id", f.request_id ? json(f.request_id) : json(nullptr)}};
}

}  // namespace retain::app
