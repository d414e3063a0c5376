// HttpServer: HTTP/1.1 with keep-alive on Boost.Beast and Asio.
//
//   HttpServer http(options, handler, on_error);
//   int port = *http.Bind("127.0.0.1", 0);   // 0 = a free port
//   std::thread t([&] { http.Run(); });       // blocks until Stop()
//   http.Stop();                              // finishes requests in flight
//
// A few network threads (one per core) serve every connection; a connection
// holds no thread while it waits for its next request. A quick request (see
// HttpOptions::is_quick) whose body, if any, came whole with its header is
// answered right on the network thread that read it, with no hand-over; any
// other request (a large body, one that computes or waits for a commit) is
// answered on one of the worker threads, which may block as long as they
// need without holding up the network.
// Nothing here knows the API: routes, roles and problem bodies belong to the
// caller.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retain/core/status.h"

namespace retain::api {

// How reading a request body ended.
enum class BodyEnd {
  kComplete,  // every byte went to the sink
  kTooLarge,  // longer than the limit: the rest is not handed on
  kStopped,   // the sink refused a piece
  kBroken,    // the connection failed, timed out or the body is malformed
};

// Takes one piece of a body; false = stop reading.
using BodySink = std::function<bool(std::string_view)>;

// One request while it is being answered (valid during the handler only).
class HttpRequest {
 public:
  virtual std::string_view Method() const = 0;
  // The request target as sent: path and query, percent-encoded.
  virtual std::string_view Target() const = 0;
  // A header's value ("" when absent); names are case-insensitive.
  virtual std::string_view Header(std::string_view name) const = 0;
  // Reads the body once, handing pieces to `sink`, at most `limit` bytes in
  // all (a declared length over `limit` is refused before anything is read).
  // Answers "100 Continue" first when the client asked for it. A body the
  // handler leaves unread is read and dropped after it (up to the server's
  // max_discard_bytes; beyond that the connection is closed after the reply).
  virtual BodyEnd ReadBody(size_t limit, const BodySink& sink) = 0;

 protected:
  ~HttpRequest() = default;
};

// What is sent back.
struct HttpReply {
  int status = 200;
  std::string content_type;  // "" = no Content-Type (an empty body)
  std::string body;
  std::string file;  // a file to send as the body instead of `body` (streamed from disk)
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the reply comes later (a write waiting for its commit): it is
  // called once with the function to hand the reply to, which may be called
  // from any thread; the handler's thread is free meanwhile. The other
  // fields are then unused.
  std::function<void(std::function<void(HttpReply)>)> later;
};

struct HttpOptions {
  int threads = 16;    // worker threads: requests that are not quick, answered at once
  int io_threads = 0;  // network threads (0 = one per core)
  // True for a request that is answered quickly and never waits on other
  // requests (reading one record, a health check, handing a write to a
  // queue): it is answered on the network thread when its body (if any)
  // came whole with the header. nullptr = none is.
  std::function<bool(std::string_view method, std::string_view target)> is_quick;
  // A body the handler did not read is read and dropped up to this size so
  // the connection can take the next request; a larger one closes it.
  size_t max_discard_bytes = 32u << 20;
  size_t max_header_bytes = 16 * 1024;             // request line and headers
  std::chrono::milliseconds idle_timeout{30'000};  // keep-alive wait for the next request
  std::chrono::milliseconds io_timeout{30'000};    // reading a body, writing a reply
};

class HttpServer {
 public:
  // Answers one request (may block; may throw: the client then gets a 500
  // from `on_error`).
  using Handler = std::function<HttpReply(HttpRequest& request)>;
  // Answers a request that could not be served: `status` is 400 (not
  // HTTP), 431 (header too large) or 500 (the handler threw). `method` and
  // `target` are "" when the request line was not read.
  using ErrorHandler =
      std::function<HttpReply(int status, std::string_view method, std::string_view target)>;

  HttpServer(HttpOptions options, Handler handler, ErrorHandler on_error);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on host:port (port 0 = a free one); returns the port, or kIo
  // with the reason when the address cannot be used.
  core::Result<int> Bind(const std::string& host, int port);
  // Serves (network threads, this one included, and worker threads) until
  // Stop(), then finishes the requests in flight and returns.
  void Run();
  // Stops accepting connections and closes idle ones; requests in flight
  // are answered (with Connection: close). Thread-safe, callable once or more.
  void Stop();

 private:
  struct Impl;
  friend class Session;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retain::api
