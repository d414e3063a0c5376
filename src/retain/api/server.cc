#include "retain/api/server.h"

#include <fmt/format.h>
#include <httplib.h>

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

// What the request log needs of the request being served on this thread
// (httplib serves a connection's requests one after another on one thread).
struct RequestState {
  std::chrono::steady_clock::time_point start;
  std::string route = "unmatched";
  std::string key_id;
};
thread_local RequestState tl_request;

// Puts the reply into httplib's response (its text is moved, not copied).
void Send(httplib::Response& res, Reply&& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (!r.file.empty()) {
    auto in = std::make_shared<std::ifstream>(r.file, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(r.file, ec);
    if (*in && !ec) {
      res.set_content_provider(
          size, r.content_type, [in](size_t offset, size_t length, httplib::DataSink& sink) {
            char buf[64 * 1024];
            in->seekg(static_cast<std::streamoff>(offset));
            in->read(buf, static_cast<std::streamsize>(std::min(length, sizeof buf)));
            if (in->gcount() <= 0) return false;
            sink.write(buf, static_cast<size_t>(in->gcount()));
            return true;
          });
      return;
    }
    res.status = 500;
    return;
  } else if (!r.text.empty() || (!r.content_type.empty() && r.body.is_null())) {
    res.body = std::move(r.text);
    res.set_header("Content-Type", r.content_type.empty() ? "text/plain" : r.content_type);
  } else if (!r.body.is_null()) {
    res.set_content(r.body.dump(), r.content_type.empty() ? "application/json" : r.content_type);
  }
}

// The problem for an error httplib found before a route ran.
Problem TransportProblem(int status) {
  switch (status) {
    case 413:
      return {413,
              "payload-too-large",
              "Request body too large",
              "the body is larger than the server accepts (max_body_bytes in the configuration)",
              {}};
    case 400:
      return {400, "bad-request", "Bad request", "the request is not valid HTTP", {}};
    case 414:
      return {414, "uri-too-long", "URI too long", "the request path is too long", {}};
    default:
      return {status,
              "http-" + std::to_string(status),
              "HTTP error " + std::to_string(status),
              "the request could not be served",
              {}};
  }
}

// Reads a body through httplib: pieces go to `sink` up to `limit` bytes; the
// rest is read and discarded (up to `cap` bytes in all) so that the
// connection stays usable for the answer.
BodyEnd ReadLimited(const httplib::Request& req, const httplib::ContentReader& reader, size_t limit,
                    size_t cap, const std::function<bool(std::string_view)>& sink) {
  size_t total = 0;
  BodyEnd end = BodyEnd::kComplete;
  // A declared length over the limit is refused before reading (httplib
  // itself skips bodies longer than `cap` without handing them on).
  if (req.has_header("Content-Length") &&
      req.get_header_value<uint64_t>("Content-Length") > static_cast<uint64_t>(limit)) {
    end = BodyEnd::kTooLarge;
  }
  const bool ok = reader([&](const char* data, size_t n) {
    total += n;
    if (end != BodyEnd::kComplete) return total <= cap;
    if (total > limit) {
      end = BodyEnd::kTooLarge;
      return total <= cap;
    }
    if (!sink(std::string_view(data, n))) end = BodyEnd::kStopped;
    return true;
  });
  return !ok && end == BodyEnd::kComplete ? BodyEnd::kBroken : end;
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
  app::ImportJobOptions imports;
  imports.work_dir = options.import_dir.empty() ? NewImportDir() : options.import_dir;
  s->services_->imports = std::make_unique<app::ImportJobs>(s->services_->writes, imports);
  AddAllRoutes(s->router_, s->metrics_);
  s->Install();
  return s;
}

ApiServer::ApiServer(const ServerOptions& options) : options_(options) {}
ApiServer::~ApiServer() = default;

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
}

void ApiServer::Install() {
  http_ = std::make_unique<httplib::Server>();
  const int threads = options_.threads > 0 ? options_.threads : 16;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(std::max(options_.max_body_bytes, options_.max_import_bytes));
  http_->set_keep_alive_max_count(100000);
  http_->set_tcp_nodelay(true);
  http_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    tl_request = {std::chrono::steady_clock::now(), "unmatched", ""};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Requests with a body come with a reader, so that each route's limit
  // applies and uploads stream to disk instead of into memory.
  auto plain = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res, nullptr);
  };
  auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& body) { Dispatch(req, res, &body); };
  http_->Get(".*", plain);
  http_->Post(".*", plain);
  http_->Put(".*", plain);
  http_->Delete(".*", plain);
  http_->Patch(".*", plain);
  http_->Options(".*", plain);
  http_->Post(".*", with_body);
  http_->Put(".*", with_body);
  http_->Delete(".*", with_body);
  http_->Patch(".*", with_body);
  http_->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Send(res, Fail(TransportProblem(res.status)));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_request.start).count();
    metrics_.Record(req.method, tl_request.route, res.status, seconds);
    LogRequest(req.method, req.path, res.status, seconds, tl_request.key_id);
    tl_request.route = "unmatched";
    tl_request.key_id.clear();
  });
}

void ApiServer::Dispatch(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader* body) {
  const size_t cap = std::max(options_.max_body_bytes, options_.max_import_bytes);
  auto drain = [&] {
    if (body) ReadLimited(req, *body, 0, cap, [](std::string_view) { return true; });
  };
  Match m = router_.Find(req.method, req.path);
  if (!m.route) {
    drain();
    if (m.allowed_methods.empty()) return Send(res, Fail(RouteNotFound(req.path)));
    Reply r = Fail(MethodNotAllowed(req.method, req.path));
    std::string allow;
    for (const auto& a : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + a;
    r.headers.emplace_back("Allow", allow);
    return Send(res, std::move(r));
  }
  tl_request.route = m.route->pattern;
  Call call(req, std::move(m.params), *services_);
  Reply r = Serve(req, call, *m.route, body);
  if (!r.cause.empty() && options_.log) {
    std::lock_guard lock(log_mu_);
    *options_.log << core::UtcNowIso() << " error " << req.method << " " << req.path << ": "
                  << r.cause << "\n";
  }
  Send(res, std::move(r));
}

Reply ApiServer::Serve(const httplib::Request& req, Call& call, const Route& route,
                       const httplib::ContentReader* body) {
  const size_t cap = std::max(options_.max_body_bytes, options_.max_import_bytes);
  bool read = body == nullptr;
  auto drain = [&] {
    if (!read) ReadLimited(req, *body, 0, cap, [](std::string_view) { return true; });
    read = true;
  };
  if (!route.access.is_public) {
    if (auto refused = Authenticate(call, route)) {
      drain();
      return *refused;
    }
  }
  if (body && route.streams_body) {
    call.SetBodyReader(
        [&, limit = options_.max_import_bytes](const std::function<bool(std::string_view)>& sink) {
          read = true;
          return ReadLimited(req, *body, limit, cap, sink);
        });
  } else if (body) {
    std::string text;
    const BodyEnd end =
        ReadLimited(req, *body, options_.max_body_bytes, cap, [&](std::string_view p) {
          text.append(p);
          return true;
        });
    read = true;
    if (end == BodyEnd::kTooLarge) {
      return Fail(PayloadTooLarge(options_.max_body_bytes, "max_body_bytes"));
    }
    if (end != BodyEnd::kComplete) {
      return Fail(Problem{400, "bad-request", "Bad request", "the request body could not be read"});
    }
    call.SetBody(std::move(text));
  }
  Reply r;
  try {
    r = route.handler(call);
  } catch (const std::exception& e) {
    r = Fail(core::Internal(e.what()));
  }
  drain();
  return r;
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
  tl_request.key_id = key.id;
  auto role = app::ParseRole(key.role);
  if (!role || !route.access.Allows(*role)) {
    return Fail(Forbidden("a key with role '" + key.role + "' may not " + call.Method() + " " +
                          route.pattern));
  }
  return std::nullopt;
}

void ApiServer::LogRequest(const std::string& method, const std::string& path, int status,
                           double seconds, const std::string& key_id) {
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

core::Result<int> ApiServer::Bind() {
  if (options_.port == 0) {
    const int port = http_->bind_to_any_port(options_.host);
    if (port <= 0) return core::Err(core::IoError("cannot listen on " + options_.host));
    return port;
  }
  if (!http_->bind_to_port(options_.host, options_.port)) {
    return core::Err(core::IoError("cannot listen on " + options_.host + ":" +
                                   std::to_string(options_.port) +
                                   " (in use? choose another with --listen HOST:PORT)"));
  }
  return options_.port;
}

void ApiServer::Run() { http_->listen_after_bind(); }

void ApiServer::Stop() { http_->stop(); }

}  // namespace retain::api
