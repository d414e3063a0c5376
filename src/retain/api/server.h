// ApiServer: retain's HTTP API on one database.
//
//   auto server = ApiServer::Create(options);     // opens the database
//   int port = server->Bind();                    // 0 in options = a free port
//   std::thread t([&] { server->Run(); });        // blocks until Stop()
//   ...
//   server->Stop();                               // finishes requests in flight
//
// Every request is logged as one line (time, method, path, status, duration,
// API key id; never the key or the query string) to the log stream.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "retain/api/http_server.h"
#include "retain/api/metrics.h"
#include "retain/api/router.h"
#include "retain/api/services.h"
#include "retain/app/contact_plan.h"
#include "retain/app/message_config.h"
#include "retain/loyalty/program.h"

namespace retain::api {

class Call;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0 = any free port
  std::string db = "retain.db";       // sqlite:PATH, PATH or postgresql://...
  size_t max_body_bytes = 32u << 20;  // larger request bodies get 413
  // Largest upload to POST /api/v1/imports (streamed to a file, never held in
  // memory; counted as sent: a gzip upload is stored compressed and
  // counted so); larger ones get 413.
  size_t max_import_bytes = size_t{1} << 30;
  // Where uploads wait for their import ("" = a new folder in the system's
  // temporary folder); removed when the server stops.
  std::string import_dir;
  // Worker threads: requests that are not quick (bodies, reports, writes),
  // answered at once. Quick reads run on one network thread per core, and
  // connections waiting between requests hold no thread.
  int threads = 16;
  std::ostream* log = nullptr;  // request log; nullptr = none
  // The rules of the Kunden-Club (must pass loyalty::Validate).
  loyalty::LoyaltyProgram loyalty = loyalty::DefaultProgram();
  // The contact calendar's settings ([contact]; its program and bonuses are
  // taken from `loyalty`).
  app::PlanSettings contact;
  // Where customers reach this server ([contact.messages] public_url), for
  // the survey links it makes; "" = the address each request came to.
  std::string public_url;
  int feedback_valid_days = 30;  // survey links made here stay valid this long
  // What POST /api/v1/plan/send sends with and GET /api/v1/settings shows
  // ([contact.shop], [contact.smtp], [contact.messages]); work lists go to
  // its work_list_dir, "" = a work-lists folder beside the database.
  app::MessageConfig messages;
  // The dashboard's files from this web/ folder (web_dir/static and
  // web_dir/node_modules) instead of the built-in ones; "" = built in.
  std::string web_dir;
};

class ApiServer {
 public:
  // Opens the database (kNotFound with a hint when it does not exist).
  static core::Result<std::unique_ptr<ApiServer>> Create(const ServerOptions& options);
  ~ApiServer();

  // Binds the listening socket; returns the port (kIo when it is taken).
  core::Result<int> Bind();
  // Serves until Stop(); then finishes the requests in flight and returns.
  void Run();
  // Stops accepting requests. Thread-safe; safe to call from a signal-watching thread.
  void Stop();

  const Router& router() const { return router_; }
  Services& services() { return *services_; }

 private:
  explicit ApiServer(const ServerOptions& options);
  void Install();
  // Serves one request: route, key, body, handler; logged and counted.
  HttpReply Dispatch(HttpRequest& req);
  // Runs the matched route's handler (after its key is checked and its body read).
  Reply Serve(HttpRequest& req, Call& call, const Route& route);
  // The problem for a request that was not valid HTTP (or whose handler threw); logged and counted.
  HttpReply TransportError(int status, std::string_view method, std::string_view target);
  // Checks the call's API key against the route's roles; the refusal to
  // send (401, 403, 500), or nullopt when the call may go on.
  std::optional<Reply> Authenticate(Call& call, const Route& route);
  // Logs and counts an answered request.
  // The HTTP reply for a handler's reply, logged and counted.
  HttpReply Conclude(Reply r, std::string_view method, std::string_view route,
                     std::string_view path, std::chrono::steady_clock::time_point start,
                     std::string_view key_id);
  void Finish(std::string_view method, std::string_view route, std::string_view path, int status,
              std::chrono::steady_clock::time_point start, std::string_view key_id);
  void LogRequest(std::string_view method, std::string_view path, int status, double seconds,
                  std::string_view key_id);

  ServerOptions options_;
  std::unique_ptr<Services> services_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<HttpServer> http_;
  std::mutex log_mu_;
};

// Registers every route of the API (see routes.h) on `router`.
void AddAllRoutes(Router& router, Metrics& metrics);

}  // namespace retain::api
