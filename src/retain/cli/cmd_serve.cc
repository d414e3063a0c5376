// `retain serve`: the HTTP API, and `retain apikey`: who may call it.
#include <signal.h>

#include <toml++/toml.h>

#include <charconv>
#include <filesystem>
#include <iostream>
#include <thread>

#include "retain/api/server.h"
#include "retain/app/api_keys.h"
#include "retain/cli/commands.h"
#include "retain/cli/contact_config.h"
#include "retain/cli/listening_config.h"
#include "retain/cli/loyalty_config.h"
#include "retain/cli/message_config.h"

namespace retain::cli {
namespace {

struct ServeFlags {
  std::string listen, config, web_dir;
  int64_t max_body_bytes = 0;
  int64_t max_import_bytes = 0;
  int threads = 0;
};

// Splits "HOST:PORT" (or ":PORT", or "PORT").
core::Status ParseListen(const std::string& text, api::ServerOptions& o) {
  const size_t colon = text.rfind(':');
  const std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
  const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
  int p = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535) {
    return core::InvalidArgument("--listen: '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080)");
  }
  if (!host.empty()) o.host = host;
  o.port = p;
  return {};
}

// Reads the TOML configuration file; flags given on the command line win.
core::Status ReadConfig(const std::string& path, api::ServerOptions& o, std::string& db) {
  auto parsed = ParseTomlFile(path);
  if (!parsed) return parsed.error();
  const toml::table& t = *parsed;
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "listen" && value.is_string()) {
      if (auto s = ParseListen(*value.value<std::string>(), o); !s.ok()) return s.WithPrefix(path);
    } else if (k == "db" && value.is_string()) {
      db = *value.value<std::string>();
    } else if (k == "max_body_bytes" && value.is_integer() && *value.value<int64_t>() > 0) {
      o.max_body_bytes = static_cast<size_t>(*value.value<int64_t>());
    } else if (k == "max_import_bytes" && value.is_integer() && *value.value<int64_t>() > 0) {
      o.max_import_bytes = static_cast<size_t>(*value.value<int64_t>());
    } else if (k == "threads" && value.is_integer() && *value.value<int64_t>() > 0) {
      o.threads = static_cast<int>(*value.value<int64_t>());
    } else if (k == "loyalty" && value.is_table()) {
      auto program = ReadLoyaltyProgram(*value.as_table(), path);
      if (!program) return program.error();
      o.loyalty = std::move(*program);
    } else if (k == "contact" && value.is_table()) {
      if (auto s = ReadContactSettings(*value.as_table(), path, o.contact); !s.ok()) return s;
      // Survey links made by the server use the messages' public address.
      const auto& messages = (*value.as_table())["messages"];
      o.public_url = messages["public_url"].value_or(std::string());
      o.feedback_valid_days =
          static_cast<int>(messages["feedback_valid_days"].value_or(int64_t{30}));
    } else if (k == "listening" && value.is_table()) {
      if (auto s = ReadListeningSettings(*value.as_table(), path, o.contact.listening); !s.ok()) {
        return s;
      }
    } else {
      return core::InvalidArgument(path + ": unknown or invalid setting '" + k +
                                   "' (known: listen, db, max_body_bytes, max_import_bytes, "
                                   "threads, [loyalty], [contact], [listening])");
    }
  }
  return {};
}

void Serve(Context& ctx, const ServeFlags& f) {
  api::ServerOptions o;
  std::string db = ctx.db;
  if (!f.config.empty()) {
    std::string config_db;
    if (auto s = ReadConfig(f.config, o, config_db); !s.ok()) return ctx.Fail(s);
    if (!config_db.empty() && !ctx.db_given) db = config_db;
  }
  if (!f.listen.empty()) {
    if (auto s = ParseListen(f.listen, o); !s.ok()) return ctx.Fail(s);
  }
  if (f.max_body_bytes > 0) o.max_body_bytes = static_cast<size_t>(f.max_body_bytes);
  if (f.max_import_bytes > 0) o.max_import_bytes = static_cast<size_t>(f.max_import_bytes);
  if (f.threads > 0) o.threads = f.threads;
  // The messages' settings, for sending from the server and the settings page.
  auto messages = LoadMessageConfig(f.config);
  if (!messages) return ctx.Fail(messages.error());
  o.messages = std::move(*messages);
  if (!f.web_dir.empty()) {
    if (!std::filesystem::is_regular_file(f.web_dir + "/static/index.html")) {
      return ctx.Fail(core::InvalidArgument("--web-dir " + f.web_dir +
                                            ": no static/index.html there (give the web/ folder "
                                            "of the source tree)"));
    }
    o.web_dir = f.web_dir;
  }
  o.db = db;
  o.log = &std::cerr;
  // SIGTERM and SIGINT are taken by a watcher thread, so requests in flight finish.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = api::ApiServer::Create(o);
  if (!server) return ctx.Fail(server.error());
  auto port = (*server)->Bind();
  if (!port) return ctx.Fail(port.error());
  std::cout << ctx.T("retain on http://", "retain auf http://") << o.host << ":" << *port << "/ ("
            << ctx.T("dashboard at /, database ", "Dashboard unter /, Datenbank ")
            << storage::DisplayLocation(db)
            << ctx.T("; OpenAPI at /api/openapi.json; stop with Ctrl+C)",
                     "; OpenAPI unter /api/openapi.json; beenden mit Strg+C)")
            << std::endl;
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGUSR1) return;
    std::cerr << "retain: stopping (signal " << sig << "), finishing requests in flight\n";
    (*server)->Stop();
  });
  (*server)->Run();
  // Wake the watcher if the server stopped by itself.
  sigaddset(&signals, SIGUSR1);
  pthread_kill(watcher.native_handle(), SIGUSR1);
  watcher.join();
  std::cerr << "retain: stopped\n";
}

}  // namespace

void RegisterServe(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Start the HTTP API (JSON; OpenAPI document at /api/openapi.json).\n"
      "Routes under /api/v1 need 'Authorization: Bearer KEY' (see `retain apikey`).\n"
      "GET /healthz reports readiness, GET /metrics Prometheus metrics.\n"
      "Stops on SIGTERM or Ctrl+C after finishing the requests in flight.");
  cmd->add_option("--listen", f->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--config", f->config,
                  "TOML file with listen, db, max_body_bytes, max_import_bytes, threads and the\n"
                  "Kunden-Club program in [loyalty], the contact calendar in [contact] and the\n"
                  "feedback and service settings in [listening] (flags win)");
  cmd->add_option("--max-body-bytes", f->max_body_bytes,
                  "Largest request body accepted; larger ones get 413 (default 33554432)");
  cmd->add_option("--max-import-bytes", f->max_import_bytes,
                  "Largest CSV upload to POST /api/v1/imports, streamed to a temporary file;\n"
                  "larger ones get 413 (default 1073741824)");
  cmd->add_option("--threads", f->threads,
                  "Requests that compute or write, served at once (default 16; quick reads run on "
                  "one network thread per core)");
  cmd->add_option("--web-dir", f->web_dir,
                  "Serve the dashboard from this web/ folder of the source tree instead of the\n"
                  "files built in (for working on the dashboard: changes show on reload)");
  cmd->callback([&ctx, f] { Serve(ctx, *f); });
}

void RegisterApiKey(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("apikey", "Manage the API keys of `retain serve`");
  cmd->require_subcommand(1);
  auto role = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto* create = cmd->add_subcommand(
      "create",
      "Create a key and print it once (only a hash is stored).\n"
      "Roles: analyst reads; shop writes customers, orders and returns; admin does everything.");
  create->add_option("--role", *role, "admin, analyst or shop")->required();
  create->add_option("--name", *name, "What the key is for (e.g. \"till Berlin\")");
  create->callback([&ctx, role, name] {
    auto r = app::ParseRole(*role);
    if (!r) return ctx.Fail(r.error());
    auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
    if (!store) return;
    auto created = app::CreateApiKey(*store, *r, *name);
    if (!created) return ctx.Fail(created.error());
    std::cout << created->key << "\n";
    std::cerr << ctx.T("API key ", "API-Schlüssel ") << created->record.id
              << ctx.T(" created (role ", " angelegt (Rolle ") << created->record.role
              << ctx.T("). It is shown only now: store it safely.\n",
                       "). Er wird nur jetzt angezeigt: sicher aufbewahren.\n");
  });
  auto* list = cmd->add_subcommand("list", "List the keys (never the keys themselves)");
  list->callback([&ctx] {
    auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
    if (!store) return;
    auto keys = store->ListApiKeys();
    if (!keys) return ctx.Fail(keys.error());
    std::cout << ctx.T(
        "id                role     created               revoked               name\n",
        "id                Rolle    angelegt              widerrufen            Name\n");
    for (const auto& k : *keys) {
      std::printf("%-17s %-8s %-21s %-21s %s\n", k.id.c_str(), k.role.c_str(), k.created_at.c_str(),
                  k.revoked_at.empty() ? "-" : k.revoked_at.c_str(), k.name.c_str());
    }
  });
  auto id = std::make_shared<std::string>();
  auto* revoke = cmd->add_subcommand("revoke", "Revoke a key: it stops working at once");
  revoke->add_option("ID", *id, "The key's id (see `retain apikey list`)")->required();
  revoke->callback([&ctx, id] {
    auto store = ctx.OpenStore(storage::OpenMode::kMustExist);
    if (!store) return;
    if (auto s = app::RevokeApiKey(*store, *id); !s.ok()) return ctx.Fail(s);
    std::cout << ctx.T("Revoked ", "Widerrufen: ") << *id << "\n";
  });
}

}  // namespace retain::cli
