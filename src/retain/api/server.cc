#include "retain/api/server.h"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>

#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/app/snapshot_loader.h"
#include "retain/core/date.h"
#include "retain/storage/open_store.h"

namespace retain::api {
namespace {

// The method as a metrics label: one of a known few, so that a client
// cannot make new series with made-up methods.
std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "OTHER";
}

// The HTTP form of a reply (a JSON body is written out here).
HttpReply ToHttp(Reply&& r) {
  HttpReply out;
  out.status = r.status;
  out.headers = std::move(r.headers);
  out.content_type = std::move(r.content_type);
  if (!r.file.empty()) {
    out.file = std::move(r.file);
  } else if (!r.text.empty() || (!out.content_type.empty() && r.body.is_null())) {
    out.body = std::move(r.text);
    if (out.content_type.empty()) out.content_type = "text/plain";
  } else if (!r.body.is_null()) {
    out.body = r.body.dump();
    if (out.content_type.empty()) out.content_type = "application/json";
  }
  return out;
}

// The problem for a request that could not be served as HTTP.
Problem TransportProblem(int status) {
  switch (status) {
    case 400:
      return {400, "bad-request", "Bad request", "the request is not valid HTTP", {}};
    case 431:
      return {431,
              "header-too-large",
              "Request header fields too large",
              "the request line and headers are longer than the server accepts",
              {}};
    default:
      return {status,
              "http-" + std::to_string(status),
              "HTTP error " + std::to_string(status),
              "the request could not be served",
              {}};
  }
}

// Splits a request target into its path and its query (both still encoded).
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

// A new folder for the uploads of this server.
std::string NewImportDir() {
  std::random_device rd;
  return (std::filesystem::temp_directory_path() /
          ("retain-imports-" + std::to_string(::getpid()) + "-" + std::to_string(rd())))
      .string();
}

}  // namespace

core::Result<std::unique_ptr<ApiServer>> ApiServer::Create(const ServerOptions& options) {
  std::string path;
  auto writer = storage::OpenStore(options.db, storage::OpenMode::kMustExist, &path);
  if (!writer) return core::Err(writer.error());
  // A 201 promises the order is on disk.
  if (auto s = (*writer)->RequireDurableCommits(); !s.ok()) return core::Err(s);
  std::unique_ptr<ApiServer> s(new ApiServer(options));
  const bool pg = storage::IsPostgresLocation(options.db);
  s->services_.reset(new Services{options.db, pg ? "postgresql" : "sqlite", StorePool(options.db),
                                  app::AnalyticsViews(pg ? "" : app::SnapshotCachePath(path)),
                                  app::WriteBatcher(std::move(*writer))});
  s->services_->max_import_bytes = options.max_import_bytes;
  if (auto v = loyalty::Validate(options.loyalty); !v.ok()) {
    return core::Err(v.WithPrefix("the loyalty program"));
  }
  s->services_->loyalty = std::make_shared<const app::LoyaltyClub>(options.loyalty);
  auto contact = std::make_shared<app::PlanSettings>(options.contact);
  contact->program = options.loyalty;
  contact->policy.birthday_points = options.loyalty.birthday_points;
  contact->policy.renewal_points = options.loyalty.renewal_points;
  if (auto v = contact::Validate(contact->policy); !v.ok()) {
    return core::Err(v.WithPrefix("the contact calendar"));
  }
  s->services_->contact = std::move(contact);
  s->services_->public_url = options.public_url;
  s->services_->feedback_valid_days = options.feedback_valid_days;
  auto messages = std::make_shared<app::MessageConfig>(options.messages);
  if (messages->work_list_dir.empty()) {
    messages->work_list_dir = app::DefaultWorkListDir(options.db);
  }
  s->services_->messages = std::move(messages);
  s->services_->web_dir = options.web_dir;
  app::ImportJobOptions imports;
  imports.work_dir = options.import_dir.empty() ? NewImportDir() : options.import_dir;
  s->services_->imports = std::make_unique<app::ImportJobs>(s->services_->writes, imports);
  AddAllRoutes(s->router_, s->metrics_);
  s->Install();
  return s;
}

ApiServer::ApiServer(const ServerOptions& options) : options_(options) {}
// The write batcher's pending answers may hold the last reference to a
// connection, whose destructor unregisters it from the HTTP server: so the
// services (and their batcher) go first, while the HTTP server still exists.
ApiServer::~ApiServer() { services_.reset(); }

void AddAllRoutes(Router& router, Metrics& metrics) {
  AddSystemRoutes(router, metrics);
  AddCustomerRoutes(router);
  AddOrderRoutes(router);
  AddReportRoutes(router);
  AddSegmentRoutes(router);
  AddApiKeyRoutes(router);
  AddClvRoutes(router);
  AddRecommendationRoutes(router);
  AddImportRoutes(router);
  AddLoyaltyRoutes(router);
  AddConsentRoutes(router);
  AddPlanRoutes(router);
  AddUnsubscribeRoutes(router);
  AddGdprRoutes(router);
  AddFeedbackRoutes(router);
  AddServiceRoutes(router);
  AddSettingsRoutes(router);
  AddDashboardRoutes(router);
}

void ApiServer::Install() {
  HttpOptions http;
  http.threads = options_.threads > 0 ? options_.threads : 16;
  // A body a route refuses (401, 413, ...) is read and dropped up to the
  // largest one any route accepts, so that the connection stays usable.
  http.max_discard_bytes = std::max(options_.max_body_bytes, options_.max_import_bytes);
  // On PostgreSQL a read waits for the database server over the network:
  // then no request is quick, so waiting never holds up a network thread.
  const bool embedded = services_->backend == "sqlite";
  http.is_quick = [this, embedded](std::string_view method, std::string_view target) {
    if (!embedded) return false;
    const auto [path, query] = SplitTarget(target);
    const Route* r = router_.Lookup(method == "HEAD" ? "GET" : method, path);
    if (!r) return true;  // unknown routes are answered at once (404, 405)
    // Quick with the default parameters only (e.g. a profile `as_of`
    // another day computes RFM for every customer), and once the analytics
    // view exists (its first build is slow).
    return r->quick && query.empty() && (!r->needs_view || services_->views.HasView());
  };
  http_ = std::make_unique<HttpServer>(
      http, [this](HttpRequest& req) { return Dispatch(req); },
      [this](int status, std::string_view method, std::string_view target) {
        return TransportError(status, method, target);
      });
}

HttpReply ApiServer::Dispatch(HttpRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  const auto [path, query] = SplitTarget(req.Target());
  // HEAD is answered as GET without the body (the HTTP layer drops it).
  const std::string_view method = req.Method() == "HEAD" ? "GET" : req.Method();
  Match m = router_.Find(method, path);
  if (!m.route) {
    Reply r;
    if (m.allowed_methods.empty()) {
      r = Fail(RouteNotFound(std::string(path)));
    } else {
      r = Fail(MethodNotAllowed(std::string(req.Method()), std::string(path)));
      std::string allow;
      for (const auto& a : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + a;
      r.headers.emplace_back("Allow", allow);
    }
    HttpReply out = ToHttp(std::move(r));
    Finish(req.Method(), "unmatched", path, out.status, start, "");
    return out;
  }
  Call call(req, method, path, query, std::move(m.params), *services_);
  Reply r = Serve(req, call, *m.route);
  const std::string key_id = call.key() ? call.key()->id : "";
  if (r.later) {
    HttpReply out;
    out.later = [this, later = std::move(r.later), method = std::string(req.Method()),
                 route = m.route->pattern, path = std::string(path), start,
                 key_id](std::function<void(HttpReply)> done) {
      later([=, this, done = std::move(done)](Reply r) {
        done(Conclude(std::move(r), method, route, path, start, key_id));
      });
    };
    return out;
  }
  return Conclude(std::move(r), req.Method(), m.route->pattern, path, start, key_id);
}

HttpReply ApiServer::Conclude(Reply r, std::string_view method, std::string_view route,
                              std::string_view path, std::chrono::steady_clock::time_point start,
                              std::string_view key_id) {
  if (!r.cause.empty() && options_.log) {
    std::lock_guard lock(log_mu_);
    *options_.log << core::UtcNowIso() << " error " << method << " " << path << ": " << r.cause
                  << "\n";
  }
  HttpReply out = ToHttp(std::move(r));
  Finish(method, route, path, out.status, start, key_id);
  return out;
}

HttpReply ApiServer::TransportError(int status, std::string_view method, std::string_view target) {
  const auto start = std::chrono::steady_clock::now();
  HttpReply out = ToHttp(Fail(TransportProblem(status)));
  Finish(method.empty() ? "-" : method, "unmatched", SplitTarget(target).first, status, start, "");
  return out;
}

Reply ApiServer::Serve(HttpRequest& req, Call& call, const Route& route) {
  if (!route.access.is_public) {
    if (auto refused = Authenticate(call, route)) return *refused;
  }
  // An upload may come gzip-compressed: it is stored as sent and the import
  // reads gzip itself. Other bodies come as they are.
  const std::string_view encoding = req.Header("Content-Encoding");
  if (!encoding.empty() && encoding != "identity" && !(route.streams_body && encoding == "gzip")) {
    return Fail(Problem{415, "unsupported-content-encoding", "Unsupported content encoding",
                        route.streams_body ? "send the file as it is or with Content-Encoding: gzip"
                                           : "send the body without Content-Encoding"});
  }
  if (route.streams_body) {
    call.SetBodyReader([&req, limit = options_.max_import_bytes](const BodySink& sink) {
      return req.ReadBody(limit, sink);
    });
  } else {
    std::string text;
    const BodyEnd end = req.ReadBody(options_.max_body_bytes, [&](std::string_view p) {
      text.append(p);
      return true;
    });
    if (end == BodyEnd::kTooLarge) {
      return Fail(PayloadTooLarge(options_.max_body_bytes, "max_body_bytes"));
    }
    if (end != BodyEnd::kComplete) {
      return Fail(Problem{400, "bad-request", "Bad request", "the request body could not be read"});
    }
    call.SetBody(std::move(text));
  }
  try {
    return route.handler(call);
  } catch (const std::exception& e) {
    return Fail(core::Internal(e.what()));
  }
}

void ApiServer::Finish(std::string_view method, std::string_view route, std::string_view path,
                       int status, std::chrono::steady_clock::time_point start,
                       std::string_view key_id) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(MethodLabel(method), route, status, seconds);
  LogRequest(method, path, status, seconds, key_id);
}

std::optional<Reply> ApiServer::Authenticate(Call& call, const Route& route) {
  const std::string auth = call.Header("Authorization");
  if (auth.rfind("Bearer ", 0) != 0) {
    Reply r =
        Fail(Unauthorized("send the API key as 'Authorization: Bearer KEY' "
                          "(create one with `retain apikey create`)"));
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto found = app::VerifyApiKey(**store, std::string_view(auth).substr(7));
  if (!found) return Fail(found.error());
  if (!*found) {
    Reply r = Fail(Unauthorized("the API key is unknown or revoked"));
    r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return r;
  }
  const auto& key = call.SetKey(std::move(**found));
  auto role = app::ParseRole(key.role);
  if (!role || !route.access.Allows(*role)) {
    return Fail(Forbidden("a key with role '" + key.role + "' may not " + call.Method() + " " +
                          route.pattern));
  }
  return std::nullopt;
}

void ApiServer::LogRequest(std::string_view method, std::string_view path, int status,
                           double seconds, std::string_view key_id) {
  if (!options_.log) return;
  // The time text changes once a second: formatted once per second per thread.
  thread_local std::time_t stamped = 0;
  thread_local std::string stamp;
  const std::time_t now = std::time(nullptr);
  if (now != stamped) {
    stamped = now;
    stamp = core::UtcNowIso();
  }
  fmt::memory_buffer line;
  fmt::format_to(std::back_inserter(line), "{} {} {} {} {}us key={}\n", stamp, method, path, status,
                 static_cast<int64_t>(seconds * 1e6), key_id.empty() ? "-" : key_id);
  std::lock_guard lock(log_mu_);
  options_.log->write(line.data(), static_cast<std::streamsize>(line.size()));
  options_.log->flush();
}

core::Result<int> ApiServer::Bind() { return http_->Bind(options_.host, options_.port); }

void ApiServer::Run() { http_->Run(); }

void ApiServer::Stop() { http_->Stop(); }

}  // namespace retain::api
