#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "retain/cli/commands.h"
#include "retain/cli/date_option.h"
#include "retain/cli/format.h"
#include "retain/synth/generate.h"

namespace retain::cli {
namespace {

struct GenFlags {
  synth::GenOptions options;
  std::string end;
  std::string out;
};

}  // namespace

void RegisterGen(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<GenFlags>();
  auto* cmd = app.add_subcommand(
      "gen",
      "Write a synthetic German shop in the generic CSV format: customers (names, addresses,\n"
      "birthdays, B2C and B2B, consents), products, online and store orders with lines,\n"
      "returns. Repeat buying follows a heterogeneous rate with drop-out, spend a\n"
      "heterogeneous spend model. The same seed gives the same files; memory stays constant.");
  cmd->add_option("--customers", f->options.customers, "Number of customers")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", f->options.seed, "Random seed")->capture_default_str();
  cmd->add_option("--years", f->options.years, "Years of history")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  cmd->add_option("--end", f->end, "Last day of the history (default 2025-12-31)");
  cmd->add_option("--out", f->out, "Output folder")->required();
  cmd->callback([&ctx, f] {
    auto end = ParseDateOption("--end", f->end);
    if (!end) return ctx.Fail(end.error());
    if (*end) f->options.end = **end;
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto last = std::chrono::steady_clock::now();
    auto progress = [&](int64_t done, int64_t total) {
      if (!tty) return;
      const auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(200)) return;
      last = now;
      std::fprintf(stderr, "\r%s %lld / %lld %s", ctx.T("generating", "erzeuge"),
                   static_cast<long long>(done), static_cast<long long>(total),
                   ctx.T("customers", "Kunden"));
      if (done == total) std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
    auto stats = synth::GenerateShop(f->options, f->out, progress);
    if (!stats) return ctx.Fail(stats.error());
    std::cout << ctx.T("Wrote ", "Geschrieben: ") << FormatCount(ctx, stats->customers)
              << ctx.T(" customers, ", " Kunden, ") << FormatCount(ctx, stats->products)
              << ctx.T(" products, ", " Produkte, ") << FormatCount(ctx, stats->orders)
              << ctx.T(" orders, ", " Bestellungen, ") << FormatCount(ctx, stats->order_lines)
              << ctx.T(" order lines, ", " Bestellpositionen, ") << FormatCount(ctx, stats->returns)
              << ctx.T(" returns to ", " Retouren nach ") << f->out << "\n";
  });
}

}  // namespace retain::cli
