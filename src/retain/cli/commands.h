// Registration of the subcommands; each lives in its own cmd_*.cc file.
#pragma once

#include <CLI/CLI.hpp>

#include "retain/cli/context.h"

namespace retain::cli {

void RegisterInit(CLI::App& app, Context& ctx);
void RegisterImport(CLI::App& app, Context& ctx);
void RegisterGen(CLI::App& app, Context& ctx);
void RegisterKpi(CLI::App& app, Context& ctx);
void RegisterCohorts(CLI::App& app, Context& ctx);
void RegisterRfm(CLI::App& app, Context& ctx);
void RegisterCustomer(CLI::App& app, Context& ctx);
void RegisterClv(CLI::App& app, Context& ctx);
void RegisterSegment(CLI::App& app, Context& ctx);
void RegisterRecommend(CLI::App& app, Context& ctx);
void RegisterServe(CLI::App& app, Context& ctx);
void RegisterApiKey(CLI::App& app, Context& ctx);
void RegisterLoyalty(CLI::App& app, Context& ctx);
void RegisterConsent(CLI::App& app, Context& ctx);
void RegisterPlan(CLI::App& app, Context& ctx);
void RegisterSend(CLI::App& app, Context& ctx);
void RegisterTemplate(CLI::App& app, Context& ctx);
void RegisterGdpr(CLI::App& app, Context& ctx);
void RegisterFeedback(CLI::App& app, Context& ctx);
void RegisterNps(CLI::App& app, Context& ctx);
void RegisterTasks(CLI::App& app, Context& ctx);
void RegisterConversation(CLI::App& app, Context& ctx);

}  // namespace retain::cli
