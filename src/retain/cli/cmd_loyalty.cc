// `retain loyalty`: the Kunden-Club from the command line: the same writes
// and reads as /api/v1/loyalty, and the daily jobs (expire, recalc, check).
#include <iostream>
#include <memory>

#include "retain/app/loyalty_activity.h"
#include "retain/app/loyalty_backfill.h"
#include "retain/app/loyalty_club.h"
#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/cli/loyalty_answer.h"
#include "retain/cli/loyalty_config.h"
#include "retain/cli/progress_bar.h"

namespace retain::cli {
namespace {

using json = nlohmann::ordered_json;

struct LoyaltyFlags {
  std::string config, date, customer, order, ret, request, referred_by,
      channel = "store", store_id, kind, reason, tier, code, from, to, tag, since;
  int64_t amount_cents = -1, points = 0, after = 0;
  int limit = 50;
  bool json = false, all = false;
};

// The program from --config or RETAIN_CONFIG (defaults without either).
std::optional<app::LoyaltyClub> Club(Context& ctx, const LoyaltyFlags& f) {
  std::string path = f.config;
  if (path.empty()) {
    if (const char* env = std::getenv("RETAIN_CONFIG")) path = env;
  }
  auto program = LoadLoyaltyProgram(path);
  if (!program) {
    ctx.Fail(program.error());
    return std::nullopt;
  }
  return app::LoyaltyClub(std::move(*program));
}

// --date, else today.
std::optional<core::Day> Day(Context& ctx, const LoyaltyFlags& f) {
  auto d = ParseDateOption("--date", f.date);
  if (!d) {
    ctx.Fail(d.error());
    return std::nullopt;
  }
  return d->value_or(core::LocalToday());
}

using WriteFn = std::function<core::Result<app::LoyaltyAnswer>(const app::LoyaltyClub&,
                                                               storage::Store&, core::Day)>;

// Runs one write in its own transaction and prints the answer.
void Write(Context& ctx, const LoyaltyFlags& f, const WriteFn& fn) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto day = Day(ctx, f);
  if (!day) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  if (auto s = store->BeginWrite(); !s.ok()) return ctx.Fail(s);
  auto answer = fn(*club, *store, *day);
  const bool keep = answer || (answer.error().code() != core::Code::kIo &&
                               answer.error().code() != core::Code::kInternal);
  if (!keep) store->Rollback();
  if (keep) {
    if (auto s = store->Commit(); !s.ok()) return ctx.Fail(s);
  }
  if (!answer) return ctx.Fail(answer.error());
  PrintLoyaltyAnswer(ctx, answer->json, f.json);
  if (answer->replayed && !f.json) {
    std::cout << ctx.T("(recorded before: the first answer is shown)\n",
                       "(schon erfasst: die erste Antwort wird gezeigt)\n");
  }
}

using ReadFn =
    std::function<core::Result<json>(const app::LoyaltyClub&, storage::Store&, core::Day)>;

void Read(Context& ctx, const LoyaltyFlags& f, const ReadFn& fn) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto day = Day(ctx, f);
  if (!day) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto answer = fn(*club, *store, *day);
  if (!answer) return ctx.Fail(answer.error());
  PrintLoyaltyAnswer(ctx, *answer, f.json);
}

// A daily job with a progress bar on a terminal.
void Job(Context& ctx, const LoyaltyFlags& f, bool expire) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto day = Day(ctx, f);
  if (!day) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto progress = LoyaltyProgress(ctx);
  auto report = expire ? club->Expire(*store, *day, core::UtcNowIso(), progress)
                       : club->Recalc(*store, *day, core::UtcNowIso(), progress);
  if (!report) return ctx.Fail(report.error());
  json j = {{"date", core::FormatDay(*day)},
            {"members", report->members},
            {"members_changed", report->changed},
            {expire ? "points_expired" : "bonus_points", report->points},
            {"entries_written", report->entries}};
  PrintLoyaltyAnswer(ctx, j, f.json);
}

void Check(Context& ctx, const LoyaltyFlags& f) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  auto report = club->Check(*store);
  if (!report) return ctx.Fail(report.error());
  PrintLoyaltyAnswer(ctx, *report, f.json);
  if (!(*report)["ok"].get<bool>()) {
    ctx.Fail(core::FailedPrecondition(
        ctx.T("the ledger check found problems (listed above)",
              "die Prüfung des Punktekontos hat Fehler gefunden (oben aufgeführt)")));
  }
}

// Enrols every customer who is not a member yet, in one transaction.
void EnrollAll(Context& ctx, const LoyaltyFlags& f) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto day = Day(ctx, f);
  if (!day) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  std::vector<std::string> ids;
  if (auto s = store->ScanCustomers([&](int64_t, const std::string& id) { ids.push_back(id); });
      !s.ok()) {
    return ctx.Fail(s);
  }
  if (auto s = store->BeginWrite(); !s.ok()) return ctx.Fail(s);
  int64_t enrolled = 0;
  const std::string now = core::UtcNowIso();
  for (const auto& id : ids) {
    auto a = club->Enroll(*store, {id, *day, ""}, now);
    if (!a) {
      store->Rollback();
      return ctx.Fail(a.error());
    }
    enrolled += a->created;
  }
  if (auto s = store->Commit(); !s.ok()) return ctx.Fail(s);
  PrintLoyaltyAnswer(ctx, {{"customers", ids.size()}, {"enrolled", enrolled}}, f.json);
}

// The activity by month as a table (or the API's JSON).
void Activity(Context& ctx, const LoyaltyFlags& f) {
  auto club = Club(ctx, f);
  if (!club) return;
  auto range =
      app::ResolveMonthRange(f.from.empty() ? std::nullopt : std::optional(f.from),
                             f.to.empty() ? std::nullopt : std::optional(f.to), core::LocalToday());
  // The message names "from" or "to": the flag is "--from" or "--to".
  if (!range) return ctx.Fail(core::InvalidArgument("--" + range.error().message()));
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  if (auto s = store->BeginRead(); !s.ok()) return ctx.Fail(s);
  auto report = app::LoyaltyActivity(*store, club->program(), *range);
  store->EndRead();
  if (!report) return ctx.Fail(report.error());
  const auto j = app::LoyaltyActivityJson(*report);
  if (f.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << ctx.T("Kunden-Club activity in points, ", "Kunden-Club-Aktivität in Punkten, ")
            << j["from"].get<std::string>() << ctx.T(" to ", " bis ") << j["to"].get<std::string>()
            << "\n";
  std::vector<std::vector<std::string>> rows = {
      {ctx.T("Month", "Monat"), ctx.T("Issued", "Gesammelt"), ctx.T("Bonus", "Bonus"),
       ctx.T("Redeemed", "Eingelöst"), ctx.T("Restored", "Zurückgegeben"),
       ctx.T("Expired", "Verfallen"), ctx.T("Returned", "Retourniert"),
       ctx.T("New members", "Neue Mitglieder")}};
  auto add = [&](const std::string& label, const nlohmann::ordered_json& m) {
    rows.push_back({label});
    for (const char* k :
         {"issued", "bonus", "redeemed", "restored", "expired", "returned", "new_members"}) {
      rows.back().push_back(FormatCount(ctx, m[k].get<int64_t>()));
    }
  };
  for (const auto& m : j["months"]) add(m["month"].get<std::string>(), m);
  add(ctx.T("Total", "Summe"), j["totals"]);
  PrintTable(std::cout, rows);
}

// Enrols the card holders (a tag, or everybody) with their history since --since.
void Backfill(Context& ctx, const LoyaltyFlags& f) {
  if (f.all == !f.tag.empty()) {
    return ctx.Fail(core::InvalidArgument("give --tag TAG or --all (not both)"));
  }
  auto since = ParseDateOption("--since", f.since);
  if (!since) return ctx.Fail(since.error());
  auto club = Club(ctx, f);
  if (!club) return;
  auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
  if (!store) return;
  app::BackfillRequest request{f.tag, f.all, since->value_or(0)};
  auto report = app::BackfillMembers(*store, *club, request, core::UtcNowIso(),
                                     CountProgress(ctx.T("customers", "Kunden")));
  if (!report) return ctx.Fail(report.error());
  if (f.json) {
    std::cout << app::BackfillReportJson(*report).dump(2) << "\n";
    return;
  }
  PrintTable(
      std::cout,
      {{ctx.T("Customers selected", "Ausgewählte Kunden"), FormatCount(ctx, report->customers)},
       {ctx.T("Members before (left as they are)", "Schon Mitglied (unverändert)"),
        FormatCount(ctx, report->already_members)},
       {ctx.T("Members enrolled", "Neu aufgenommen"), FormatCount(ctx, report->enrolled)},
       {ctx.T("Purchases credited", "Gutgeschriebene Einkäufe"),
        FormatCount(ctx, report->purchases)},
       {ctx.T("Purchases skipped (recorded before, cancelled)",
              "Übersprungene Einkäufe (schon erfasst, storniert)"),
        FormatCount(ctx, report->purchases_skipped)},
       {ctx.T("Returns credited", "Erfasste Retouren"), FormatCount(ctx, report->returns)},
       {ctx.T("Returns skipped", "Übersprungene Retouren"),
        FormatCount(ctx, report->returns_skipped)},
       {ctx.T("Points issued", "Ausgegebene Punkte"), FormatCount(ctx, report->points_issued)},
       {ctx.T("Points taken back for returns", "Für Retouren zurückgebuchte Punkte"),
        FormatCount(ctx, report->points_returned)}},
      true);
}

CLI::App* Sub(CLI::App* group, const std::shared_ptr<LoyaltyFlags>& f, const char* name,
              const char* help) {
  auto* cmd = group->add_subcommand(name, help);
  cmd->add_flag("--json", f->json, "Print JSON (the API's answer)");
  return cmd;
}

void AddDate(CLI::App* cmd, const std::shared_ptr<LoyaltyFlags>& f, const char* help) {
  cmd->add_option("--date", f->date, help);
}

}  // namespace

void RegisterLoyalty(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<LoyaltyFlags>();
  auto* group = app.add_subcommand(
      "loyalty",
      "The Kunden-Club: points and tiers for till and web shop (see also /api/v1/loyalty).\n"
      "The program's rules come from the [loyalty] table of --config (or RETAIN_CONFIG).");
  group->require_subcommand(1);
  group->add_option("--config", f->config, "TOML file with the program in [loyalty]");

  auto* enroll = Sub(group, f, "enroll", "Make a customer a member (tier Basis)");
  enroll->add_option("customer", f->customer, "The shop's customer id");
  enroll->add_flag("--all", f->all, "Enrol every customer who is not a member yet");
  enroll->add_option("--referred-by", f->referred_by, "A member who recommended them");
  AddDate(enroll, f, "The day they join (default today)");
  enroll->callback([&ctx, f] {
    if (f->all != f->customer.empty()) {
      return ctx.Fail(core::InvalidArgument("give a customer id or --all (not both)"));
    }
    if (f->all) return EnrollAll(ctx, *f);
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Enroll(s, {f->customer, d, f->referred_by}, core::UtcNowIso());
    });
  });

  auto* purchase = Sub(group, f, "purchase", "Credit a purchase (the order id is its key)");
  purchase->add_option("--order", f->order, "Order id")->required();
  purchase->add_option("--customer", f->customer, "Customer id")->required();
  purchase->add_option("--amount-cents", f->amount_cents, "Amount paid, in cents")->required();
  purchase->add_option("--channel", f->channel, "store (default) or online")
      ->check(CLI::IsMember({"store", "online"}));
  purchase->add_option("--store", f->store_id, "The store's id");
  AddDate(purchase, f, "The day of the purchase (default today)");
  purchase->callback([&ctx, f] {
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      app::PurchaseRequest r{
          f->order, f->customer, f->amount_cents, c.program().currency, f->channel, f->store_id,
          d,        {}};
      return c.Purchase(s, r, core::UtcNowIso());
    });
  });

  auto* ret = Sub(group, f, "return", "Take back the points of returned goods");
  ret->add_option("--return", f->ret, "Return id")->required();
  ret->add_option("--order", f->order, "The order the goods came from")->required();
  ret->add_option("--amount-cents", f->amount_cents, "Value returned, in cents")->required();
  AddDate(ret, f, "The day of the return (default today)");
  ret->callback([&ctx, f] {
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Return(s, {f->ret, f->order, f->amount_cents, d}, core::UtcNowIso());
    });
  });

  auto* redeem = Sub(group, f, "redeem", "Turn multiples of 500 points into a voucher");
  redeem->add_option("--request", f->request, "Request id (repeat it to retry safely)")->required();
  redeem->add_option("--customer", f->customer, "Customer id")->required();
  redeem->add_option("--points", f->points, "Points to redeem")->required();
  AddDate(redeem, f, "The day (default today)");
  redeem->callback([&ctx, f] {
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Redeem(s, {f->request, f->customer, f->points, d}, core::UtcNowIso());
    });
  });

  auto* bonus = Sub(group, f, "bonus", "Grant surprise points or the renewal reward");
  bonus->add_option("--request", f->request, "Request id")->required();
  bonus->add_option("--customer", f->customer, "Customer id")->required();
  bonus->add_option("--kind", f->kind, "surprise or renewal")
      ->required()
      ->check(CLI::IsMember({"surprise", "renewal"}));
  bonus->add_option("--points", f->points, "Points (renewal: default from the program)");
  bonus->add_option("--reason", f->reason, "Why (required for surprise points)");
  AddDate(bonus, f, "The day (default today)");
  bonus->callback([&ctx, f] {
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Bonus(s, {f->request, f->customer, f->kind, f->points, f->reason, d},
                     core::UtcNowIso());
    });
  });

  auto* voucher = Sub(group, f, "voucher", "Show, use or cancel a voucher");
  voucher->add_option("action", f->kind, "show, use or cancel")
      ->required()
      ->check(CLI::IsMember({"show", "use", "cancel"}));
  voucher->add_option("code", f->code, "The voucher code")->required();
  voucher->add_option("--order", f->order, "The order it pays (for use)");
  AddDate(voucher, f, "The day (default today)");
  voucher->callback([&ctx, f] {
    if (f->kind == "show") {
      return Read(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
        return c.Voucher(s, f->code, d);
      });
    }
    if (f->kind == "use" && f->order.empty()) {
      return ctx.Fail(core::InvalidArgument("--order: say which order the voucher pays"));
    }
    Write(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return f->kind == "use" ? c.UseVoucher(s, f->code, f->order, d, core::UtcNowIso())
                              : c.CancelVoucher(s, f->code, d, core::UtcNowIso());
    });
  });

  auto* member = Sub(group, f, "member", "A member's tier, points and benefits");
  member->add_option("customer", f->customer, "Customer id")->required();
  AddDate(member, f, "The day to look at (default today)");
  member->callback([&ctx, f] {
    Read(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Member(s, f->customer, d);
    });
  });

  auto* history = Sub(group, f, "history", "A member's ledger entries, oldest first");
  history->add_option("customer", f->customer, "Customer id")->required();
  history->add_option("--after", f->after, "Continue after this entry");
  history->add_option("--limit", f->limit, "Entries to show (default 50)")
      ->check(CLI::Range(1, 10000));
  history->callback([&ctx, f] {
    Read(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day) {
      return c.History(s, f->customer, f->after, f->limit);
    });
  });

  auto* simulate = Sub(group, f, "simulate", "What a basket would earn (writes nothing)");
  simulate->add_option("--amount-cents", f->amount_cents, "Amount, in cents")->required();
  simulate->add_option("--customer", f->customer, "A member whose tier counts");
  simulate->add_option("--tier", f->tier, "Else this tier");
  simulate->add_option("--channel", f->channel, "store (default) or online")
      ->check(CLI::IsMember({"store", "online"}));
  AddDate(simulate, f, "The day of the purchase (default today)");
  simulate->callback([&ctx, f] {
    Read(ctx, *f, [f](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Simulate(s, {f->customer, f->tier, {f->amount_cents, f->channel, d, {}}});
    });
  });

  auto* liability =
      Sub(group, f, "liability", "Points outstanding and their value, by tier and by age");
  AddDate(liability, f, "The day to look at (default today)");
  liability->callback([&ctx, f] {
    Read(ctx, *f, [](const app::LoyaltyClub& c, storage::Store& s, core::Day d) {
      return c.Liability(s, d);
    });
  });

  auto* expire =
      Sub(group, f, "expire", "Daily job: expire points past their date (safe to run twice)");
  AddDate(expire, f, "The day to run for (default today)");
  expire->callback([&ctx, f] { Job(ctx, *f, true); });
  auto* recalc = Sub(group, f, "recalc",
                     "Daily job: re-evaluate tiers and grant birthday bonuses (safe to run twice)");
  AddDate(recalc, f, "The day to run for (default today)");
  recalc->callback([&ctx, f] { Job(ctx, *f, false); });
  auto* check = Sub(group, f, "check",
                    "Verify balances, lots, vouchers, purchases and returns against the ledger "
                    "(exit 4 on a problem)");
  check->callback([&ctx, f] { Check(ctx, *f); });
  auto* activity =
      Sub(group, f, "activity",
          "Points issued, granted, redeemed, restored, expired and taken back, and new "
          "members, by month");
  activity->add_option("--from", f->from, "First month (YYYY-MM; default 11 months before --to)");
  activity->add_option("--to", f->to, "Last month (YYYY-MM; default this month)");
  activity->callback([&ctx, f] { Activity(ctx, *f); });

  auto* backfill = Sub(group, f, "backfill",
                       "Enrol existing card holders with their purchases and returns since a day\n"
                       "(the order and return ids are the keys: running it twice changes nothing)");
  backfill->add_option("--tag", f->tag, "Customers with this tag (e.g. kundenkarte)");
  backfill->add_flag("--all", f->all, "Every customer instead");
  backfill
      ->add_option("--since", f->since,
                   "Credit orders from this day on (YYYY-MM-DD); members join on their first "
                   "order since then")
      ->required();
  backfill->callback([&ctx, f] { Backfill(ctx, *f); });

  auto* program = Sub(group, f, "program", "Print the program's rules in effect");
  program->callback([&ctx, f] {
    auto club = Club(ctx, *f);
    if (club) PrintLoyaltyAnswer(ctx, club->ProgramView(), f->json);
  });
}

}  // namespace retain::cli
