#include "retain/app/segments.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "retain/analytics/customer_figures.h"
#include "retain/analytics/rfm.h"
#include "retain/analytics/segment_rule.h"

namespace retain::app {

core::Result<analytics::CustomerTable> LoadCustomerTable(AnalyticsSession& session,
                                                         std::optional<core::Day> as_of) {
  return LoadCustomerTable(*session.store, session.snapshot, as_of);
}

core::Result<analytics::CustomerTable> LoadCustomerTable(storage::Store& store,
                                                         const analytics::Snapshot& s,
                                                         std::optional<core::Day> as_of,
                                                         int complaint_risk_days) {
  const core::Day day = as_of.value_or(s.LastOrderDay());
  analytics::CustomerTable table =
      analytics::BuildCustomerTable(s, day, analytics::DefaultSegmentMap());

  const size_t n = s.customers();
  // Scores come in customer id order, as the snapshot's customers do: walk
  // along (a hash map only for a customer not found a little ahead).
  const auto& ids = s.customer_ids;
  std::unordered_map<std::string_view, uint32_t> index;
  size_t next = 0;
  auto find = [&](const std::string& id) -> int64_t {
    for (size_t j = next; j < n && j < next + 64; ++j) {
      if (ids[j] == id) {
        next = j + 1;
        return static_cast<int64_t>(j);
      }
    }
    if (index.empty()) {
      for (size_t c = 0; c < n; ++c) index.emplace(ids[c], static_cast<uint32_t>(c));
    }
    auto it = index.find(id);
    if (it == index.end()) return -1;
    next = it->second + 1;
    return it->second;
  };
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> alive(n, kNone), e30(n, kNone), e90(n, kNone), e365(n, kNone),
      value(n, kNone), clv(n, kNone);
  analytics::TextColumn risk;
  risk.values = {"", "low", "medium", "high"};
  risk.ids.assign(n, 0);
  auto scanned = store.ScanClvScores([&](const storage::ClvScoreRecord& r) {
    const int64_t found = find(r.customer_id);
    if (found < 0) return;  // imported after the snapshot was built
    const auto c = static_cast<size_t>(found);
    alive[c] = r.p_alive;
    e30[c] = r.expected_30d;
    e90[c] = r.expected_90d;
    e365[c] = r.expected_365d;
    value[c] = r.expected_value_minor / 100.0;
    clv[c] = r.clv_minor / 100.0;
    const auto band = std::find(risk.values.begin() + 1, risk.values.end(), r.risk);
    risk.ids[c] = static_cast<uint32_t>(band == risk.values.end() ? 0 : band - risk.values.begin());
  });
  if (!scanned.ok()) return core::Err(scanned);
  // Listening: answers and complaints up to the day; a recent complaint
  // raises the churn-risk band one step (no forecast: medium).
  std::vector<double> nps(n, kNone), answers(n, 0), complaints(n, 0), since(n, kNone), open(n, 0);
  auto scanned_feedback = store.ScanFeedback({.to = day}, [&](const storage::FeedbackRecord& f) {
    const int64_t c = find(f.customer_id);
    if (c < 0) return;
    nps[c] = f.score;  // by day: the latest wins
    ++answers[c];
  });
  if (!scanned_feedback.ok()) return core::Err(scanned_feedback);
  auto scanned_talks =
      store.ScanConversations({.to = day}, [&](const storage::ConversationRecord& v) {
        const int64_t c = find(v.customer_id);
        if (c < 0) return;
        if (v.status != "closed") ++open[c];
        if (!v.complaint) return;
        ++complaints[c];
        const double d = day - v.day;
        if (std::isnan(since[c]) || d < since[c]) since[c] = d;
      });
  if (!scanned_talks.ok()) return core::Err(scanned_talks);
  for (size_t c = 0; c < n; ++c) {
    if (std::isnan(since[c]) || since[c] > complaint_risk_days) continue;
    const auto raised = RaisedRiskBand(risk.values[risk.ids[c]]);
    risk.ids[c] = static_cast<uint32_t>(std::find(risk.values.begin(), risk.values.end(), raised) -
                                        risk.values.begin());
  }
  table.AddNumber("p_alive", "probability of still being a customer, 0..1 (retain clv score)",
                  std::move(alive));
  table.AddNumber("expected_purchases_30d", "expected purchases in the next 30 days",
                  std::move(e30));
  table.AddNumber("expected_purchases_90d", "expected purchases in the next 90 days",
                  std::move(e90));
  table.AddNumber("expected_purchases_365d", "expected purchases in the next 365 days",
                  std::move(e365));
  table.AddNumber("expected_order_value", "expected value of a purchase, in currency units",
                  std::move(value));
  table.AddNumber("clv", "predicted lifetime value over the scoring horizon, in currency units",
                  std::move(clv));
  table.AddText("risk",
                "churn-risk band: low, medium or high (one step higher after a recent complaint)",
                std::move(risk));
  table.AddNumber("nps_score", "the customer's latest answer to the NPS question, 0..10",
                  std::move(nps));
  table.AddNumber("nps_answers", "answers the customer gave to the NPS question",
                  std::move(answers));
  table.AddNumber("complaints", "complaints the customer made (service conversations)",
                  std::move(complaints));
  table.AddNumber("days_since_complaint", "days since the customer's latest complaint",
                  std::move(since));
  table.AddNumber("open_conversations", "service conversations not closed yet", std::move(open));
  return table;
}

core::Result<SegmentMatch> MatchSegment(const analytics::Snapshot& snapshot,
                                        const analytics::CustomerTable& table,
                                        const std::string& rule) {
  auto parsed = analytics::ParseRule(rule, table.fields());
  if (!parsed) return core::Err(parsed.error().WithPrefix("rule"));
  SegmentMatch m;
  m.as_of = table.today();
  m.customers = static_cast<int64_t>(table.customers());
  m.members = analytics::MatchCustomers(*parsed, table, &snapshot);
  return m;
}

namespace {

// "Champions" -> rfm_segment = "Champions" (names quoted for the rule language).
std::string RfmRule(const std::string& name) {
  std::string quoted;
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return "rfm_segment = \"" + quoted + "\"";
}

std::vector<NamedSegment> BuiltInSegments() {
  std::vector<NamedSegment> out;
  for (const auto& rule : analytics::DefaultSegmentMap()) {
    out.push_back({rule.name, RfmRule(rule.name),
                   "RFM segment (R " + std::to_string(rule.r_min) + "-" +
                       std::to_string(rule.r_max) + ", F " + std::to_string(rule.f_min) + "-" +
                       std::to_string(rule.f_max) + ")",
                   "", true});
  }
  return out;
}

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

NamedSegment FromRecord(const storage::SegmentRecord& r) {
  return {r.name, r.rule, r.description, r.created_at, false};
}

}  // namespace

core::Result<std::vector<NamedSegment>> ListNamedSegments(storage::Store& store) {
  auto saved = store.ListSegments();
  if (!saved) return core::Err(saved.error());
  std::vector<NamedSegment> out = BuiltInSegments();
  for (const auto& r : *saved) out.push_back(FromRecord(r));
  return out;
}

core::Result<NamedSegment> FindNamedSegment(storage::Store& store, const std::string& name) {
  for (auto& b : BuiltInSegments()) {
    if (SameName(b.name, name)) return b;
  }
  auto saved = store.FindSegment(name);
  if (!saved) return core::Err(saved.error());
  if (!*saved) {
    return core::Err(core::NotFound("no segment named '" + name +
                                    "'; `retain segment list` shows the segments"));
  }
  return FromRecord(**saved);
}

core::Result<NamedSegment> CreateSegment(storage::Store& store,
                                         const analytics::CustomerTable& table,
                                         const std::string& name, const std::string& rule,
                                         const std::string& description) {
  if (name.empty() || name.find_first_not_of(" \t") == std::string::npos) {
    return core::Err(core::InvalidArgument("the segment name must not be empty"));
  }
  for (const auto& b : BuiltInSegments()) {
    if (SameName(b.name, name)) {
      return core::Err(
          core::InvalidArgument("'" + name + "' is a built-in RFM segment; choose another name"));
    }
  }
  auto parsed = analytics::ParseRule(rule, table.fields());
  if (!parsed) return core::Err(parsed.error().WithPrefix("rule"));
  const storage::SegmentRecord record{name, rule, description, core::UtcNowIso()};
  if (auto s = store.SaveSegment(record); !s.ok()) return core::Err(s);
  return FromRecord(record);
}

core::Status DeleteSegment(storage::Store& store, const std::string& name) {
  for (const auto& b : BuiltInSegments()) {
    if (SameName(b.name, name)) {
      return core::InvalidArgument("'" + b.name + "' is a built-in RFM segment and stays");
    }
  }
  auto deleted = store.DeleteSegment(name);
  if (!deleted) return deleted.error();
  if (!*deleted) {
    return core::NotFound("no saved segment named '" + name +
                          "'; `retain segment list` shows the segments");
  }
  return {};
}

core::Result<SegmentDiff> DiffSegment(AnalyticsSession& session, const std::string& rule,
                                      core::Day since, std::optional<core::Day> as_of) {
  auto now = LoadCustomerTable(session, as_of);
  if (!now) return core::Err(now.error());
  if (since > now->today()) {
    return core::Err(core::InvalidArgument("--since " + core::FormatDay(since) +
                                           " is after the day compared with (" +
                                           core::FormatDay(now->today()) + ")"));
  }
  auto then = LoadCustomerTable(session, since);
  if (!then) return core::Err(then.error());
  auto after = MatchSegment(session.snapshot, *now, rule);
  if (!after) return core::Err(after.error());
  auto before = MatchSegment(session.snapshot, *then, rule);
  if (!before) return core::Err(before.error());
  SegmentDiff d;
  d.since = since;
  d.as_of = now->today();
  d.before = static_cast<int64_t>(before->members.size());
  d.after = static_cast<int64_t>(after->members.size());
  std::set_difference(after->members.begin(), after->members.end(), before->members.begin(),
                      before->members.end(), std::back_inserter(d.entered));
  std::set_difference(before->members.begin(), before->members.end(), after->members.begin(),
                      after->members.end(), std::back_inserter(d.left));
  return d;
}

}  // namespace retain::app
