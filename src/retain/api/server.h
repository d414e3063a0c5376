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

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "retain/api/metrics.h"
#include "retain/api/router.h"
#include "retain/api/services.h"

namespace httplib {
class ContentReader;
struct Request;
struct Response;
class Server;
}  // namespace httplib

namespace retain::api {

class Call;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                    // 0 = any free port
  std::string db = "retain.db";       // sqlite:PATH, PATH or postgresql://...
  size_t max_body_bytes = 32u << 20;  // larger request bodies get 413
  // Largest upload to POST /api/v1/imports (streamed to a file, never held in
  // memory; counted after any Content-Encoding is undone); larger ones get 413.
  size_t max_import_bytes = size_t{1} << 30;
  // Where uploads wait for their import ("" = a new folder in the system's
  // temporary folder); removed when the server stops.
  std::string import_dir;
  int threads = 16;             // requests served at once (keep-alive holds one)
  std::ostream* log = nullptr;  // request log; nullptr = none
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
  // Serves one request; `body` reads its body (nullptr: none expected).
  void Dispatch(const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader* body);
  // Runs the matched route's handler (after its key is checked and its body read).
  Reply Serve(const httplib::Request& req, Call& call, const Route& route,
              const httplib::ContentReader* body);
  // Checks the call's API key against the route's roles; the refusal to
  // send (401, 403, 500), or nullopt when the call may go on.
  std::optional<Reply> Authenticate(Call& call, const Route& route);
  void LogRequest(const std::string& method, const std::string& path, int status, double seconds,
                  const std::string& key_id);

  ServerOptions options_;
  std::unique_ptr<Services> services_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<httplib::Server> http_;
  std::mutex log_mu_;
};

// Registers every route of the API (see routes.h) on `router`.
void AddAllRoutes(Router& router, Metrics& metrics);

}  // namespace retain::api
