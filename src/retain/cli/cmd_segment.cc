#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "retain/app/segment_export.h"
#include "retain/app/segments.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/output_file.h"

namespace retain::cli {
namespace {

struct SegmentFlags {
  std::string name, rule, as_of, description, since, out, format = "csv";
  bool json = false, excel = false;
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

void Count(Context& ctx, const SegmentFlags& f) {
  auto day = ParseDateOption("--as-of", f.as_of);
  if (!day) return ctx.Fail(day.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto table = app::LoadCustomerTable(*session, *day);
  if (!table) return ctx.Fail(table.error());
  auto match = app::MatchSegment(session->snapshot, *table, f.rule);
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
                        {"type", analytics::ValueTypeKey(field.type)},
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

// Opens the data, finds the named segment and evaluates it as of --as-of.
struct Evaluated {
  app::AnalyticsSession session;
  app::NamedSegment segment;
  analytics::CustomerTable table{0, 0};
  app::SegmentMatch match;
};

core::Result<Evaluated> Evaluate(const Context& ctx, const std::string& name,
                                 const std::string& as_of) {
  auto day = ParseDateOption("--as-of", as_of);
  if (!day) return core::Err(day.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return core::Err(session.error());
  Evaluated e{std::move(*session)};
  auto segment = app::FindNamedSegment(*e.session.store, name);
  if (!segment) return core::Err(segment.error());
  e.segment = std::move(*segment);
  auto table = app::LoadCustomerTable(e.session, *day);
  if (!table) return core::Err(table.error());
  e.table = std::move(*table);
  auto match = app::MatchSegment(e.session.snapshot, e.table, e.segment.rule);
  if (!match) return core::Err(match.error().WithPrefix("segment '" + e.segment.name + "'"));
  e.match = std::move(*match);
  return e;
}

void Create(Context& ctx, const SegmentFlags& f) {
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto table = app::LoadCustomerTable(*session, std::nullopt);
  if (!table) return ctx.Fail(table.error());
  auto created = app::CreateSegment(*session->store, *table, f.name, f.rule, f.description);
  if (!created) return ctx.Fail(created.error());
  auto match = app::MatchSegment(session->snapshot, *table, f.rule);
  if (!match) return ctx.Fail(match.error());
  std::cout << ctx.T("Saved segment '", "Segment '") << created->name
            << ctx.T("': ", "' gespeichert: ") << FormatCount(ctx, match->members.size())
            << ctx.T(" customers match as of ", " Kunden passen am ")
            << core::FormatDay(match->as_of) << "\n";
}

void List(Context& ctx, bool json) {
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto segments = app::ListNamedSegments(*session->store);
  if (!segments) return ctx.Fail(segments.error());
  auto table = app::LoadCustomerTable(*session, std::nullopt);
  if (!table) return ctx.Fail(table.error());
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  std::vector<std::vector<std::string>> rows = {{ctx.T("Segment", "Segment"),
                                                 ctx.T("Customers", "Kunden"), ctx.T("Kind", "Art"),
                                                 ctx.T("Rule", "Regel")}};
  for (const auto& s : *segments) {
    auto match = app::MatchSegment(session->snapshot, *table, s.rule);
    const std::string count =
        match ? FormatCount(ctx, match->members.size()) : ctx.T("invalid", "ungültig");
    if (json) {
      out.push_back({{"name", s.name},
                     {"rule", s.rule},
                     {"description", s.description},
                     {"built_in", s.built_in},
                     {"customers", match ? nlohmann::ordered_json(match->members.size())
                                         : nlohmann::ordered_json(nullptr)}});
    }
    rows.push_back({s.name, count,
                    s.built_in ? ctx.T("built-in", "eingebaut") : ctx.T("saved", "gespeichert"),
                    s.rule});
  }
  if (json) {
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << ctx.T("Segments as of ", "Segmente am ") << core::FormatDay(table->today())
              << "\n\n";
    PrintTable(std::cout, rows);
  }
}

void Show(Context& ctx, const SegmentFlags& f) {
  auto e = Evaluate(ctx, f.name, f.as_of);
  if (!e) return ctx.Fail(e.error());
  const auto n = static_cast<int64_t>(e->match.members.size());
  const double share = e->match.customers > 0 ? 100.0 * n / e->match.customers : 0;
  if (f.json) {
    nlohmann::ordered_json j = {{"name", e->segment.name},
                                {"rule", e->segment.rule},
                                {"description", e->segment.description},
                                {"built_in", e->segment.built_in},
                                {"created_at", e->segment.created_at},
                                {"as_of", core::FormatDay(e->match.as_of)},
                                {"customers", n},
                                {"share_percent", share}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {{ctx.T("Segment", "Segment"), e->segment.name},
                                                {ctx.T("Rule", "Regel"), e->segment.rule}};
  if (!e->segment.description.empty()) {
    rows.push_back({ctx.T("Description", "Beschreibung"), e->segment.description});
  }
  rows.push_back({ctx.T("Kind", "Art"),
                  e->segment.built_in ? ctx.T("built-in", "eingebaut")
                                      : ctx.T("saved ", "gespeichert ") + e->segment.created_at});
  rows.push_back({ctx.T("Customers", "Kunden"),
                  FormatCount(ctx, n) + ctx.T(" of ", " von ") +
                      FormatCount(ctx, e->match.customers) + " (" + FormatPercent(ctx, share) +
                      ")" + ctx.T(" as of ", " am ") + core::FormatDay(e->match.as_of)});
  PrintTable(std::cout, rows, false);
}

void Export(Context& ctx, const SegmentFlags& f) {
  if (f.format != "csv" && f.format != "json") {
    return ctx.Fail(core::InvalidArgument("--format must be csv or json, not '" + f.format + "'"));
  }
  auto e = Evaluate(ctx, f.name, f.as_of);
  if (!e) return ctx.Fail(e.error());
  app::ExportOptions options;
  options.format =
      f.format == "json" ? app::ExportOptions::Format::kJson : app::ExportOptions::Format::kCsv;
  options.excel = f.excel;
  if (auto s = WriteFileReplacing(f.out,
                                  [&](std::ostream& out) {
                                    return app::WriteSegmentExport(out, e->session.snapshot,
                                                                   e->table, e->match.members,
                                                                   options);
                                  });
      !s.ok()) {
    return ctx.Fail(s);
  }
  std::cout << ctx.T("Exported ", "Exportiert: ") << FormatCount(ctx, e->match.members.size())
            << ctx.T(" customers of '", " Kunden aus '") << e->segment.name
            << ctx.T("' to ", "' nach ") << f.out << "\n";
}

void Delete(Context& ctx, const std::string& name) {
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  if (auto s = app::DeleteSegment(*session->store, name); !s.ok()) return ctx.Fail(s);
  std::cout << ctx.T("Deleted segment '", "Segment '") << name << ctx.T("'", "' gelöscht") << "\n";
}

void Diff(Context& ctx, const SegmentFlags& f) {
  auto since = ParseDateOption("--since", f.since);
  if (!since) return ctx.Fail(since.error());
  auto as_of = ParseDateOption("--as-of", f.as_of);
  if (!as_of) return ctx.Fail(as_of.error());
  auto session = app::OpenAnalytics(ctx.db);
  if (!session) return ctx.Fail(session.error());
  auto segment = app::FindNamedSegment(*session->store, f.name);
  if (!segment) return ctx.Fail(segment.error());
  auto diff = app::DiffSegment(*session, segment->rule, **since, *as_of);
  if (!diff) return ctx.Fail(diff.error());
  const auto& ids = session->snapshot.customer_ids;
  auto names = [&](const std::vector<uint32_t>& members) {
    std::vector<std::string> out;
    for (uint32_t c : members) out.push_back(ids[c]);
    return out;
  };
  if (f.json) {
    nlohmann::ordered_json j = {{"name", segment->name},
                                {"since", core::FormatDay(diff->since)},
                                {"as_of", core::FormatDay(diff->as_of)},
                                {"before", diff->before},
                                {"after", diff->after},
                                {"entered", names(diff->entered)},
                                {"left", names(diff->left)}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Segment '", "Segment '") << segment->name
            << "': " << FormatCount(ctx, diff->before) << ctx.T(" on ", " am ")
            << core::FormatDay(diff->since) << ", " << FormatCount(ctx, diff->after)
            << ctx.T(" on ", " am ") << core::FormatDay(diff->as_of) << "\n";
  auto print = [&](const char* en, const char* de, const std::vector<uint32_t>& members) {
    std::cout << ctx.T(en, de) << " (" << FormatCount(ctx, members.size()) << ")";
    constexpr size_t kShown = 20;
    for (size_t i = 0; i < members.size() && i < kShown; ++i) {
      std::cout << (i == 0 ? ": " : ", ") << ids[members[i]];
    }
    if (members.size() > kShown)
      std::cout << ctx.T(", ... (--json lists all)", ", ... (--json listet alle)");
    std::cout << "\n";
  };
  print("Entered", "Neu dabei", diff->entered);
  print("Left", "Nicht mehr dabei", diff->left);
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

  auto* create = segment->add_subcommand("create", "Save a named segment");
  create->add_option("name", f->name, "Its name (unique, not a built-in RFM segment's)")
      ->required();
  create->add_option("--rule", f->rule, kRuleHelp)->required();
  create->add_option("--description", f->description, "What the segment is for");
  create->callback([&ctx, f] { Create(ctx, *f); });

  auto list_json = std::make_shared<bool>(false);
  auto* list = segment->add_subcommand(
      "list", "List the segments (built-in RFM segments and saved ones) with today's counts");
  list->add_flag("--json", *list_json, "Print JSON");
  list->callback([&ctx, list_json] { List(ctx, *list_json); });

  auto* show = segment->add_subcommand("show", "Show a segment: its rule and who it selects now");
  show->add_option("name", f->name, "The segment")->required();
  show->add_option("--as-of", f->as_of, "Evaluate as of this day (default: latest order)");
  show->add_flag("--json", f->json, "Print JSON");
  show->callback([&ctx, f] { Show(ctx, *f); });

  auto* exp = segment->add_subcommand(
      "export", "Write a segment's customers with their main figures to a file");
  exp->add_option("name", f->name, "The segment")->required();
  exp->add_option("--out", f->out, "The file to write")->required();
  exp->add_option("--format", f->format, "csv or json")->capture_default_str();
  exp->add_flag("--excel", f->excel,
                "CSV for German Excel: ';', byte order mark, decimal comma, CRLF");
  exp->add_option("--as-of", f->as_of, "Evaluate as of this day (default: latest order)");
  exp->callback([&ctx, f] { Export(ctx, *f); });

  auto* del = segment->add_subcommand("delete", "Delete a saved segment");
  del->add_option("name", f->name, "The segment")->required();
  del->callback([&ctx, f] { Delete(ctx, f->name); });

  auto* diff = segment->add_subcommand(
      "diff", "Who entered and who left a segment since a day (for example for a campaign)");
  diff->add_option("name", f->name, "The segment")->required();
  diff->add_option("--since", f->since, "The earlier day")->required();
  diff->add_option("--as-of", f->as_of, "The later day (default: latest order)");
  diff->add_flag("--json", f->json, "Print JSON with every customer");
  diff->callback([&ctx, f] { Diff(ctx, *f); });

  auto fields_json = std::make_shared<bool>(false);
  auto* fields = segment->add_subcommand("fields", "List the fields a rule can use");
  fields->add_flag("--json", *fields_json, "Print JSON");
  fields->callback([&ctx, fields_json] { Fields(ctx, *fields_json); });
}

}  // namespace retain::cli
