#include "retain/cli/feedback_view.h"

#include <charconv>
#include <cmath>
#include <iostream>

#include "retain/app/nps_report.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

std::optional<int> Score(std::string_view text) {
  int v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0 || v > 10) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

core::Result<std::pair<int, int>> ParseScoreRange(const std::string& text) {
  if (text.empty()) return std::pair{0, 10};
  if (text == "detractors") return std::pair{0, 6};
  if (text == "passives") return std::pair{7, 8};
  if (text == "promoters") return std::pair{9, 10};
  const size_t dash = text.find('-');
  const auto low = Score(std::string_view(text).substr(0, dash));
  const auto high =
      dash == std::string::npos ? low : Score(std::string_view(text).substr(dash + 1));
  if (!low || !high || *low > *high) {
    return core::Err(core::InvalidArgument(
        "--score: '" + text +
        "' is not a score range; use 0-6, 7-8, 9-10, one score (e.g. 3), detractors, passives "
        "or promoters"));
  }
  return std::pair{*low, *high};
}

std::string FormatNps(const Context& ctx, std::optional<double> nps) {
  if (!nps) return "–";
  const double v = std::round(*nps * 10) / 10;
  return (v > 0 ? "+" : "") + FormatNumber(ctx, v, 1);
}

std::string OneLine(const std::string& text, size_t max_chars) {
  std::string flat;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      flat += c;
    } else if (!flat.empty() && flat.back() != ' ') {
      flat += ' ';
    }
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  auto starts = [&](size_t i) { return (static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80; };
  size_t chars = 0;
  for (size_t i = 0; i < flat.size(); ++i) chars += starts(i);
  if (chars <= max_chars || max_chars == 0) return flat;
  // Keep max_chars - 1 characters and the ellipsis.
  size_t kept = 0, cut = 0;
  while (cut < flat.size() && !(starts(cut) && kept++ == max_chars - 1)) ++cut;
  flat.resize(cut);
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  return flat + "…";
}

void PrintComments(const Context& ctx, const std::vector<storage::FeedbackRecord>& comments) {
  if (comments.empty()) {
    std::cout << ctx.T("No comments match.\n", "Keine passenden Kommentare.\n");
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Date", "Datum"), ctx.T("Customer", "Kunde"), ctx.T("Score", "Wert"),
       ctx.T("Order", "Bestellung"), ctx.T("Comment", "Kommentar")}};
  for (const auto& f : comments) {
    rows.push_back({core::FormatDay(f.day), f.customer_id, std::to_string(f.score), f.order_id,
                    OneLine(f.comment, 60)});
  }
  PrintTable(std::cout, rows, false);
}

nlohmann::ordered_json CommentsJson(const std::vector<storage::FeedbackRecord>& comments) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& f : comments) out.push_back(app::FeedbackJson(f));
  return out;
}

}  // namespace retain::cli
