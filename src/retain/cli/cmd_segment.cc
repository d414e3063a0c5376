#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "retain/app/segments.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"

namespace retain::cli {
namespace {

struct SegmentFlags {
  std::string rule, as_of;
  bool json = false;
};

const char* kRuleHelp =
    "The rule, for example: country = \"DE\" and orders >= 2 and days_since_last_order > 90\n"
    "and p_alive < 0.5 (see `retain segment fields` and the README)";

std::string_view TypeWord(const Context& ctx, analytics::ValueType type) {
  switch (type) {
    case analytics::ValueType::kNumber:
      return ctx.T("number", "Zahl");
    case analytics::ValueType::kText:
      return ctx.T("text", "Text");
    case analytics::ValueType::kDate:
      return ctx.T("date", "Datum");
    case analytics::ValueType::kDuration:
      return ctx.T("duration", "Dauer");
    default:
      return ctx.T("condition", "Bedingung");
  }
}

// Opens the data and builds every customer's figures as of --as-of.
core::Result<analytics::CustomerTable> OpenTable(const Context& ctx, const std::string& as_of) {
  auto day = ParseDateOption("--as-of", as_of);
  if (!day) return core::Err(day.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return core::Err(session.error());
  return app::LoadCustomerTable(*session, *day);
}

void Count(Context& ctx, const SegmentFlags& f) {
  auto table = OpenTable(ctx, f.as_of);
  if (!table) return ctx.Fail(table.error());
  auto match = app::MatchSegment(*table, f.rule);
  if (!match) return ctx.Fail(match.error());
  const auto members = static_cast<int64_t>(match->members.size());
  const double share = match->customers > 0 ? 100.0 * members / match->customers : 0;
  if (f.json) {
    nlohmann::ordered_json j = {{"rule", f.rule},
                                {"as_of", core::FormatDay(match->as_of)},
                                {"customers", match->customers},
                                {"matching", members},
                                {"share_percent", share}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Matching customers: ", "Passende Kunden: ") << FormatCount(ctx, members)
            << ctx.T(" of ", " von ") << FormatCount(ctx, match->customers) << " ("
            << FormatPercent(ctx, share) << ")" << ctx.T(" as of ", " am ")
            << core::FormatDay(match->as_of) << "\n";
}

void Fields(Context& ctx, bool json) {
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto table = app::LoadCustomerTable(*session, std::nullopt);
  if (!table) return ctx.Fail(table.error());
  if (json) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const auto& field : table->fields()) {
      fields.push_back({{"name", field.name},
                        {"type", std::string(analytics::ValueTypeName(field.type)).substr(2)},
                        {"description", field.description}});
    }
    std::cout << fields.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Field", "Feld"), ctx.T("Type", "Typ"), ctx.T("Meaning", "Bedeutung")}};
  for (const auto& field : table->fields()) {
    rows.push_back({field.name, std::string(TypeWord(ctx, field.type)), field.description});
  }
  PrintTable(std::cout, rows, false);
}

}  // namespace

void RegisterSegment(CLI::App& app, Context& ctx) {
  auto* segment = app.add_subcommand(
      "segment",
      "Segments: customers selected by a rule over their profile and figures, evaluated\n"
      "against the current data every time.");
  segment->require_subcommand(1);

  auto f = std::make_shared<SegmentFlags>();
  auto* count = segment->add_subcommand("count", "Count the customers a rule selects");
  count->add_option("--rule", f->rule, kRuleHelp)->required();
  count->add_option("--as-of", f->as_of, "Evaluate as of this day (default: latest order)");
  count->add_flag("--json", f->json, "Print JSON");
  count->callback([&ctx, f] { Count(ctx, *f); });

  auto fields_json = std::make_shared<bool>(false);
  auto* fields = segment->add_subcommand("fields", "List the fields a rule can use");
  fields->add_flag("--json", *fields_json, "Print JSON");
  fields->callback([&ctx, fields_json] { Fields(ctx, *fields_json); });
}

}  // namespace retain::cli
