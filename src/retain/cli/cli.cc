#include "retain/cli/cli.h"

#include "retain/cli/commands.h"

namespace retain::cli {

int Main(int argc, char** argv) {
  Context ctx;
  CLI::App app{
      "retain: know, reward and keep your existing customers.\n"
      "Database: --db PATH, or the RETAIN_DB environment variable, or ./retain.db.\n"
      "Language of reports: --lang de|en (default from RETAIN_LANG or LANG).",
      "retain"};
  app.set_version_flag("--version", "retain 0.1.0");
  app.add_option(
      "--db", ctx.db,
      "Database: a SQLite file (PATH or sqlite:PATH) or a postgresql://user:password@host/db URL");
  app.add_option("--lang", ctx.lang_option, "Output language: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  app.require_subcommand(1);
  app.fallthrough();
  app.parse_complete_callback([&ctx] { ResolveDefaults(ctx); });
  RegisterInit(app, ctx);
  RegisterImport(app, ctx);
  RegisterGen(app, ctx);
  RegisterKpi(app, ctx);
  RegisterCohorts(app, ctx);
  RegisterRfm(app, ctx);
  RegisterCustomer(app, ctx);
  RegisterClv(app, ctx);
  RegisterSegment(app, ctx);
  RegisterRecommend(app, ctx);
  RegisterServe(app, ctx);
  RegisterApiKey(app, ctx);
  RegisterLoyalty(app, ctx);
  RegisterConsent(app, ctx);
  RegisterPlan(app, ctx);
  RegisterSend(app, ctx);
  RegisterTemplate(app, ctx);
  RegisterGdpr(app, ctx);
  RegisterFeedback(app, ctx);
  RegisterNps(app, ctx);
  RegisterTasks(app, ctx);
  RegisterConversation(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "retain: " << e.what() << "\nRun 'retain --help' or 'retain COMMAND --help'.\n";
    return 2;
  }
  return ctx.exit_code;
}

}  // namespace retain::cli
