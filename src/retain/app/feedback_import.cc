#include "retain/app/feedback_import.h"

#include <charconv>

#include "retain/core/text.h"
#include "retain/ingest/table_reader.h"

namespace retain::app {
namespace {

enum Column { kCustomer, kScore, kComment, kOrder, kDate, kId, kSalesChannel, kStore };

const std::vector<ingest::ColumnSpec>& Columns() {
  static const std::vector<ingest::ColumnSpec> columns = {
      {"customer_id", true, {"customer", "kundennummer"}},
      {"score", true, {"nps", "nps_score"}},
      {"comment", false, {"kommentar"}},
      {"order_id", false, {"order", "bestellnummer"}},
      {"date", false, {"day", "datum", "answered_on"}},
      {"id", false, {"answer_id", "external_id"}},
      {"sales_channel", false, {}},
      {"store", false, {"store_id", "filiale"}}};
  return columns;
}

// The row as an answer; problems are recorded in `p`.
FeedbackInput ParseRow(ingest::RowParser& p, core::Day today) {
  FeedbackInput in;
  in.via = "import";
  in.customer_id = p.Required(kCustomer);
  const std::string score = p.Required(kScore);
  if (!score.empty()) {
    int v = -1;
    auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), v);
    if (ec != std::errc() || end != score.data() + score.size() || v < 0 || v > 10) {
      p.Fail(kScore, "must be a whole number from 0 to 10, not '" + score + "'");
    }
    in.score = v;
  }
  in.comment = p.Text(kComment);
  in.order_id = p.Text(kOrder);
  in.external_id = p.Text(kId);
  in.store = p.Text(kStore);
  in.sales_channel = core::AsciiLower(p.Text(kSalesChannel));
  if (!in.sales_channel.empty() && in.sales_channel != "online" && in.sales_channel != "store") {
    p.Fail(kSalesChannel, "must be online or store, not '" + in.sales_channel + "'");
  }
  if (const std::string date = p.Text(kDate); !date.empty()) {
    auto day = core::ParseDate(date);
    if (!day) {
      p.Fail(kDate, "'" + date + "' is not a date (use YYYY-MM-DD or DD.MM.YYYY)");
    } else if (*day > today) {
      p.Fail(kDate, date + " lies in the future");
    } else {
      in.day = *day;
    }
  }
  return in;
}

// The column a RecordFeedback error ("order_id: ...") is about.
int ColumnOf(const std::string& message) {
  if (message.starts_with("customer_id:")) return kCustomer;
  if (message.starts_with("order_id:")) return kOrder;
  if (message.starts_with("score:")) return kScore;
  if (message.starts_with("comment:")) return kComment;
  return -1;
}

// True when the customer has an imported answer without an id that equals
// `in` (same day, order, score and comment): the row was imported before.
core::Result<bool> ImportedBefore(storage::Store& store, const FeedbackInput& in, core::Day today) {
  const core::Day day = in.day.value_or(today);
  bool found = false;
  auto s = store.ScanFeedback({.customer_id = in.customer_id, .from = day, .to = day},
                              [&](const storage::FeedbackRecord& f) {
                                found = found || (f.via == "import" && f.external_id.empty() &&
                                                  f.order_id == in.order_id &&
                                                  f.score == in.score && f.comment == in.comment);
                              });
  if (!s.ok()) return core::Err(s);
  return found;
}

}  // namespace

core::Result<FeedbackImportReport> ImportFeedback(storage::Store& store,
                                                  const FeedbackImportRequest& request,
                                                  const ListeningSettings& settings,
                                                  core::Day today, const std::string& now) {
  ingest::RowReporter reporter(request.skip_bad, request.rejects_path);
  ingest::ImportContext ctx;
  ctx.reporter = &reporter;
  ctx.progress = request.progress;
  auto table = ingest::TableReader::Open(request.path, Columns(), ctx);
  if (!table) return core::Err(table.error());
  FeedbackImportReport report;
  auto s = ingest::ForEachRow(
      **table, [&](ingest::RowParser& p) { return ParseRow(p, today); },
      [&](const FeedbackInput& in, ingest::RowParser& p) -> core::Status {
        if (in.external_id.empty()) {
          auto before = ImportedBefore(store, in, today);
          if (!before) return before.error();
          if (*before) {
            ++report.unchanged;
            return {};
          }
        }
        auto out = RecordFeedback(store, in, settings, today, now);
        if (!out) {
          const auto& e = out.error();
          if (e.code() != core::Code::kInvalidArgument && e.code() != core::Code::kNotFound) {
            return e;
          }
          const int col = ColumnOf(e.message());
          std::string why = e.message();
          if (col >= 0) why = std::string(core::TrimView(why.substr(why.find(':') + 1)));
          p.Fail(col, why);
          return p.Reject();
        }
        if (out->duplicate) {
          ++report.unchanged;
          return {};
        }
        ++report.imported;
        report.tasks_opened += out->task.has_value();
        return {};
      });
  if (!s.ok()) return core::Err(s);
  if (auto f = reporter.Finish(); !f.ok()) return core::Err(f);
  report.rejected = reporter.rejected();
  report.rows = report.imported + report.unchanged + report.rejected;
  return report;
}

nlohmann::ordered_json FeedbackImportJson(const FeedbackImportReport& r) {
  return {{"rows", r.rows},
          {"imported", r.imported},
          {"unchanged", r.unchanged},
          {"rejected", r.rejected},
          {"tasks_opened", r.tasks_opened}};
}

}  // namespace retain::app
