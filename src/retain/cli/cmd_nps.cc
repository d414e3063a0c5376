// retain nps: the Net Promoter Score of a period (% promoters 9-10 minus %
// detractors 0-6), overall and by segment, store, sales channel or month,
// with the response rate of the feedback requests; and the comments behind it.
#include <iostream>

#include "retain/app/analytics_session.h"
#include "retain/app/nps_report.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/feedback_view.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct NpsFlags {
  std::string from, to, by, score_range;
  bool comments = false, json = false;
  int limit = 50;
};

std::string Share(const Context& ctx, int64_t part, int64_t whole) {
  if (whole == 0) return "–";
  return FormatPercent(ctx, 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string KeyText(const Context& ctx, const std::string& by, const std::string& key) {
  if (!key.empty()) return key;
  if (by == "store") return ctx.T("(online, no store)", "(online, keine Filiale)");
  return ctx.T("(unknown)", "(unbekannt)");
}

const char* ByTitle(const Context& ctx, const std::string& by) {
  if (by == "segment") return ctx.T("Segment", "Segment");
  if (by == "store") return ctx.T("Store", "Filiale");
  if (by == "channel") return ctx.T("Sales channel", "Vertriebskanal");
  return ctx.T("Month", "Monat");
}

void Print(const Context& ctx, const app::NpsReport& r) {
  const auto& t = r.total;
  std::cout << ctx.T("Net Promoter Score ", "Net Promoter Score ") << core::FormatDay(r.from)
            << " .. " << core::FormatDay(r.to) << "\n"
            << "NPS " << FormatNps(ctx, t.Score());
  if (!t.Score()) {
    std::cout << ctx.T(" (no answers in this period)", " (keine Antworten in diesem Zeitraum)");
  }
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Figure", "Kennzahl"), ctx.T("Count", "Anzahl"), ctx.T("Share", "Anteil")},
      {ctx.T("Answers", "Antworten"), FormatCount(ctx, t.answers()), ""},
      {ctx.T("Promoters (9-10)", "Promotoren (9-10)"), FormatCount(ctx, t.promoters),
       Share(ctx, t.promoters, t.answers())},
      {ctx.T("Passives (7-8)", "Unentschlossene (7-8)"), FormatCount(ctx, t.passives),
       Share(ctx, t.passives, t.answers())},
      {ctx.T("Detractors (0-6)", "Kritiker (0-6)"), FormatCount(ctx, t.detractors),
       Share(ctx, t.detractors, t.answers())},
      {ctx.T("Feedback requests", "Feedback-Anfragen"), FormatCount(ctx, r.requests), ""},
      {ctx.T("Answered requests", "Beantwortete Anfragen"), FormatCount(ctx, r.answered_requests),
       r.response_rate ? FormatPercent(ctx, *r.response_rate * 100) : "–"}};
  PrintTable(std::cout, rows);
  if (r.by.empty()) return;
  std::cout << "\n";
  std::vector<std::vector<std::string>> groups = {
      {ByTitle(ctx, r.by), ctx.T("Answers", "Antworten"), ctx.T("Promoters", "Promotoren"),
       ctx.T("Passives", "Unentschlossene"), ctx.T("Detractors", "Kritiker"), "NPS"}};
  for (const auto& g : r.groups) {
    groups.push_back({KeyText(ctx, r.by, g.key), FormatCount(ctx, g.counts.answers()),
                      FormatCount(ctx, g.counts.promoters), FormatCount(ctx, g.counts.passives),
                      FormatCount(ctx, g.counts.detractors), FormatNps(ctx, g.counts.Score())});
  }
  if (groups.size() == 1) {
    std::cout << ctx.T("No answers in this period.\n", "Keine Antworten in diesem Zeitraum.\n");
    return;
  }
  PrintTable(std::cout, groups);
}

void Nps(Context& ctx, const NpsFlags& f) {
  auto from = ParseDateOption("--from", f.from);
  if (!from) return ctx.Fail(from.error());
  auto to = ParseDateOption("--to", f.to);
  if (!to) return ctx.Fail(to.error());
  auto range = ParseScoreRange(f.score_range);
  if (!range) return ctx.Fail(range.error());
  // The snapshot (for the segments) only when it is asked for.
  std::unique_ptr<storage::Store> store;
  std::optional<app::AnalyticsSession> session;
  if (f.by == "segment") {
    auto opened = app::OpenAnalytics(ctx.db);
    if (!opened) return ctx.Fail(opened.error());
    session = std::move(*opened);
  } else {
    store = ctx.OpenStore(storage::OpenMode::kMustExist);
    if (!store) return;
  }
  storage::Store& s = session ? *session->store : *store;
  app::NpsRequest request{.from = *from, .to = *to, .by = f.by};
  auto report = app::RunNps(s, session ? &session->snapshot : nullptr, request, core::LocalToday());
  if (!report) return ctx.Fail(report.error());
  std::vector<storage::FeedbackRecord> comments;
  if (f.comments) {
    app::CommentRequest c{.from = report->from, .to = report->to, .limit = f.limit};
    std::tie(c.min_score, c.max_score) = *range;
    auto found = app::FeedbackComments(s, c);
    if (!found) return ctx.Fail(found.error());
    comments = std::move(*found);
  }
  if (f.json) {
    auto j = app::NpsJson(*report);
    if (f.comments) j["comments"] = CommentsJson(comments);
    std::cout << j.dump(2) << "\n";
    return;
  }
  Print(ctx, *report);
  if (f.comments) {
    std::cout << "\n" << ctx.T("Comments (newest first)", "Kommentare (neueste zuerst)") << "\n";
    PrintComments(ctx, comments);
  }
}

}  // namespace

void RegisterNps(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<NpsFlags>();
  auto* cmd = app.add_subcommand(
      "nps",
      ctx.T("Net Promoter Score of a period: % promoters (9-10) minus % detractors (0-6), the "
            "answers and the response rate of the feedback requests",
            "Net Promoter Score eines Zeitraums: % Promotoren (9-10) minus % Kritiker (0-6), "
            "die Antworten und die Rücklaufquote der Feedback-Anfragen"));
  cmd->add_option("--from", f->from,
                  ctx.T("First day (YYYY-MM-DD; default 89 days before --to)",
                        "Erster Tag (JJJJ-MM-TT; Standard 89 Tage vor --to)"));
  cmd->add_option("--to", f->to,
                  ctx.T("Last day (YYYY-MM-DD; default the day of the latest answer)",
                        "Letzter Tag (JJJJ-MM-TT; Standard der Tag der letzten Antwort)"));
  cmd->add_option("--by", f->by,
                  ctx.T("Also by segment, store, channel (sales channel) or month",
                        "Auch nach segment, store (Filiale), channel (Vertriebskanal) oder month"))
      ->check(CLI::IsMember({"segment", "store", "channel", "month"}));
  cmd->add_flag("--comments", f->comments,
                ctx.T("Also list the comments of the period, newest first",
                      "Auch die Kommentare des Zeitraums auflisten, neueste zuerst"));
  cmd->add_option("--score", f->score_range,
                  ctx.T("With --comments: only these scores (0-6, 7-8, 9-10, N, detractors, "
                        "passives, promoters)",
                        "Mit --comments: nur diese Werte (0-6, 7-8, 9-10, N, detractors, "
                        "passives, promoters)"));
  cmd->add_option("--limit", f->limit,
                  ctx.T("With --comments: at most this many (default 50)",
                        "Mit --comments: höchstens so viele (Standard 50)"))
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", f->json, ctx.T("Print JSON (as the API)", "JSON ausgeben (wie die API)"));
  cmd->callback([&ctx, f] { Nps(ctx, *f); });
}

}  // namespace retain::cli
