#include "retain/api/http_server.h"

// Asio in Boost 1.74 uses std::exchange without including <utility> in C++20 and later.
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace retain::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

// Parse errors (as opposed to the connection closing or timing out).
bool IsHttpError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Waits until `fd` is ready for `events` (POLLIN or POLLOUT); false on timeout or error.
bool WaitFor(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP)) != 0;
  }
}

// Writes all of `text` to a non-blocking socket; false on error or timeout.
bool SendAll(int fd, std::string_view text, std::chrono::milliseconds timeout) {
  while (!text.empty()) {
    const ssize_t n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    if (n > 0) {
      text.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!WaitFor(fd, POLLOUT, timeout)) return false;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

class Session;

// Network threads: one per core unless configured.
int NetworkThreads(const HttpOptions& o) {
  if (o.io_threads > 0) return o.io_threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// One io_context per network thread, each run by that thread alone: a
// connection stays on one thread, so nothing is handed between threads.
std::vector<std::unique_ptr<net::io_context>> NetworkContexts(const HttpOptions& o) {
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (int i = 0; i < NetworkThreads(o); ++i)
    contexts.push_back(std::make_unique<net::io_context>(1));
  return contexts;
}

struct HttpServer::Impl {
  Impl(HttpOptions o, Handler h, ErrorHandler e)
      : options(std::move(o)),
        handler(std::move(h)),
        on_error(std::move(e)),
        workers(static_cast<size_t>(std::max(1, options.threads))),
        contexts(NetworkContexts(options)) {
    for (auto& c : contexts) running.push_back(net::make_work_guard(*c));
  }

  void Accept();
  void Forget(const Session* s) {
    std::lock_guard lock(mu);
    sessions.erase(s);
  }

  HttpOptions options;
  Handler handler;
  ErrorHandler on_error;
  // The open connections. Declared before the contexts so that they outlive
  // them: destroying a context destroys the handlers still queued in it (a
  // late CloseIfIdle, say), and with them possibly the last reference to a
  // session, whose destructor takes itself off this list.
  std::mutex mu;
  std::map<const Session*, std::weak_ptr<Session>> sessions;
  net::thread_pool workers;                                // slow requests
  std::vector<std::unique_ptr<net::io_context>> contexts;  // connections, one per network thread
  // Keeps every network thread running until Stop (the ones without a
  // connection would return at once).
  std::vector<net::executor_work_guard<net::io_context::executor_type>> running;
  size_t next_context = 0;  // where the next connection goes (round robin)
  tcp::acceptor acceptor{*contexts.front()};
  net::steady_timer accept_retry{*contexts.front()};
  std::atomic<bool> stopping{false};
};

// One connection: reads a request's header without holding a thread, has
// it answered (a quick one right on its network thread, any other on a
// worker, which reads the body too), writes the reply from its network
// thread, then waits for the next request.
class Session : public std::enable_shared_from_this<Session>, public HttpRequest {
 public:
  Session(HttpServer::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {}
  ~Session() { server_.Forget(this); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Closes the connection if it is waiting for a request (on its thread).
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->stream_.cancel();
    });
  }

  std::string_view Method() const override { return View(parser_->get().method_string()); }
  std::string_view Target() const override { return View(parser_->get().target()); }
  std::string_view Header(std::string_view name) const override {
    const auto& fields = parser_->get();
    auto it = fields.find(beast::string_view(name.data(), name.size()));
    return it == fields.end() ? std::string_view() : View(it->value());
  }

  BodyEnd ReadBody(size_t limit, const BodySink& sink) override {
    if (body_taken_) return broken_ ? BodyEnd::kBroken : BodyEnd::kComplete;
    body_taken_ = true;
    if (const auto declared = parser_->content_length(); declared && *declared > limit) {
      return BodyEnd::kTooLarge;
    }
    return Pump(limit, sink);
  }

 private:
  void ReadHeader() {
    if (server_.stopping) return Close(buffer_.size() > 0);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // The handler sets the limit of each route. (Not boost::none: Boost 1.74
    // compares a Content-Length with it as if it were smaller than any number.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    body_taken_ = broken_ = continued_ = false;
    body_bytes_ = 0;
    idle_ = true;
    stream_.expires_after(server_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    idle_ = false;
    stream_.expires_never();
    if (ec == http::error::header_limit) return Refuse(431);
    if (IsHttpError(ec)) return Refuse(400);
    if (ec) return Close(false);  // closed, reset, timed out or stopped while idle
    const auto& quick = server_.options.is_quick;
    if (BodyAtHand() && quick && quick(Method(), Target())) return Answer(false);
    // The guard keeps the network threads running (after Stop, too) until
    // the reply is handed back.
    net::post(server_.workers,
              [self = shared_from_this(), work = net::make_work_guard(stream_.get_executor())] {
                self->Answer(true);
              });
  }

  // Runs the handler, then sends its reply (from the connection's thread).
  void Answer(bool on_worker) {
    HttpReply reply;
    try {
      reply = server_.handler(*this);
    } catch (const std::exception&) {
      reply = server_.on_error(500, Method(), Target());
    }
    bool keep = parser_->get().keep_alive() && !server_.stopping;
    if (!parser_->is_done() && !DiscardBody()) keep = false;
    const bool head = parser_->get().method() == http::verb::head;
    if (reply.later) {
      // The guard keeps the network thread running until the reply is back.
      auto later = std::move(reply.later);
      later([self = shared_from_this(), work = net::make_work_guard(stream_.get_executor()), keep,
             head](HttpReply r) mutable {
        net::post(self->stream_.get_executor(), [self, r = std::move(r), keep, head]() mutable {
          self->Send(std::move(r), keep, head);
        });
      });
      return;
    }
    if (!on_worker) return Send(std::move(reply), keep, head);
    net::post(stream_.get_executor(),
              [self = shared_from_this(), reply = std::move(reply), keep, head]() mutable {
                self->Send(std::move(reply), keep, head);
              });
  }

  // Answers a request whose header could not be read, then closes.
  void Refuse(int status) {
    const bool line_read = parser_->got_some() && status != 400;
    Send(server_.on_error(status, line_read ? Method() : "", line_read ? Target() : ""), false,
         false);
  }

  // Reads body pieces into `sink` until the body ends or `limit` bytes were read.
  BodyEnd Pump(uint64_t limit, const BodySink& sink) {
    if (broken_) return BodyEnd::kBroken;
    if (!parser_->is_done()) SendContinue();
    auto& socket = stream_.socket();
    // One piece at a time; the buffer is the thread's (a handler runs on one thread).
    thread_local char chunk[64 * 1024];
    while (!parser_->is_done()) {
      if (broken_) return BodyEnd::kBroken;
      auto& body = parser_->get().body();
      body.data = chunk;
      body.size = sizeof chunk;
      beast::error_code ec;
      http::read_some(socket, buffer_, *parser_, ec);
      if (ec == http::error::need_buffer) ec = {};
      if (ec == net::error::would_block || ec == net::error::try_again) {
        if (!WaitFor(socket.native_handle(), POLLIN, server_.options.io_timeout)) broken_ = true;
        continue;
      }
      if (ec) {
        broken_ = true;
        return BodyEnd::kBroken;
      }
      const size_t n = sizeof chunk - parser_->get().body().size;
      body_bytes_ += n;
      if (body_bytes_ > limit) return BodyEnd::kTooLarge;
      if (n > 0 && !sink(std::string_view(chunk, n))) return BodyEnd::kStopped;
    }
    return broken_ ? BodyEnd::kBroken : BodyEnd::kComplete;
  }

  // Reads and drops what is left of the body so the connection can go on;
  // false when it cannot (too large, broken, or the client still waits for
  // "100 Continue" and so has not sent it).
  bool DiscardBody() {
    if (broken_ || (ExpectsContinue() && !continued_)) return false;
    const uint64_t limit = server_.options.max_discard_bytes;
    if (const auto declared = parser_->content_length(); declared && *declared > limit)
      return false;
    return Pump(limit, [](std::string_view) { return true; }) == BodyEnd::kComplete;
  }

  // The whole body (if any) has arrived with the header, so reading it
  // cannot wait on the client: a small POST comes in one piece.
  bool BodyAtHand() const {
    if (parser_->is_done()) return true;
    const auto declared = parser_->content_length();
    return declared && *declared <= buffer_.size() && !ExpectsContinue();
  }

  bool ExpectsContinue() const {
    return beast::iequals(parser_->get()[http::field::expect], "100-continue");
  }

  void SendContinue() {
    if (continued_ || !ExpectsContinue()) return;
    continued_ = true;
    if (!SendAll(stream_.socket().native_handle(), "HTTP/1.1 100 Continue\r\n\r\n",
                 server_.options.io_timeout)) {
      broken_ = true;
    }
  }

  void Send(HttpReply&& r, bool keep, bool head_only) {
    if (!r.file.empty() && head_only) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(r.file, ec);
      if (ec) r = server_.on_error(500, Method(), Target());
      auto& res = text_reply_.emplace();
      Head(res, r, keep);
      if (!ec) res.content_length(size);
      if (ec) res.prepare_payload();
      return Write(res, keep);
    }
    if (!r.file.empty()) {
      http::file_body::value_type file;
      beast::error_code ec;
      file.open(r.file.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        auto& res = file_reply_.emplace();
        Head(res, r, keep);
        res.body() = std::move(file);
        res.prepare_payload();
        return Write(res, keep);
      }
      r = server_.on_error(500, Method(), Target());
    }
    auto& res = text_reply_.emplace();
    Head(res, r, keep);
    res.body() = std::move(r.body);
    res.prepare_payload();
    if (head_only) res.body().clear();  // Content-Length stays that of the GET
    Write(res, keep);
  }

  template <class Response>
  static void Head(Response& res, const HttpReply& r, bool keep) {
    res.version(11);
    res.result(static_cast<unsigned>(r.status));
    if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res.set(name, value);
    res.keep_alive(keep);
  }

  template <class Response>
  void Write(Response& res, bool keep) {
    stream_.expires_after(server_.options.io_timeout);
    http::async_write(stream_, res,
                      [self = shared_from_this(), keep](beast::error_code ec, size_t) {
                        self->text_reply_.reset();
                        self->file_reply_.reset();
                        if (ec) return self->Close(false);
                        if (!keep) return self->Close(true);
                        self->ReadHeader();
                      });
  }

  // Closes the connection. With `linger` (after a reply, when the client
  // may still be sending): the sending side first, then whatever the client
  // still sends is read and dropped for a moment, so that closing with
  // unread data does not reset the connection before the client has read
  // the reply.
  void Close(bool linger) {
    beast::error_code ec;
    if (!linger) return stream_.close();
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return stream_.close();
    stream_.expires_after(std::chrono::seconds(2));
    Linger();
  }

  void Linger() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->stream_.close();
                              self->Linger();
                            });
  }

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::buffer_body>> parser_;
  std::optional<http::response<http::string_body>> text_reply_;
  std::optional<http::response<http::file_body>> file_reply_;
  bool idle_ = false;        // waiting for the next request
  bool body_taken_ = false;  // the handler read the body
  bool broken_ = false;      // reading the body failed: the connection cannot go on
  bool continued_ = false;   // "100 Continue" was sent
  uint64_t body_bytes_ = 0;
};

void HttpServer::Impl::Accept() {
  auto& context = *contexts[next_context++ % contexts.size()];
  acceptor.async_accept(context, [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open() || ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors or similar: try again shortly instead of spinning.
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code e) {
        if (!e) Accept();
      });
      return;
    }
    socket.set_option(tcp::no_delay(true), ec);
    // Bodies are read without blocking (Session::Pump waits with a timeout).
    socket.non_blocking(true, ec);
    auto session = std::make_shared<Session>(*this, std::move(socket));
    {
      std::lock_guard lock(mu);
      sessions.emplace(session.get(), session);
    }
    session->Start();
    Accept();
  });
}

HttpServer::HttpServer(HttpOptions options, Handler handler, ErrorHandler on_error)
    : impl_(std::make_unique<Impl>(options, std::move(handler), std::move(on_error))) {}

HttpServer::~HttpServer() = default;

core::Result<int> HttpServer::Bind(const std::string& host, int port) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    return core::Err(core::IoError("cannot listen on '" + host +
                                   "': not an IP address (use e.g. 127.0.0.1 or 0.0.0.0)"));
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    a.close();
    return core::Err(core::IoError("cannot listen on " + host + ":" + std::to_string(port) + " (" +
                                   ec.message() + "; choose another with --listen HOST:PORT)"));
  }
  return static_cast<int>(a.local_endpoint().port());
}

void HttpServer::Run() {
  net::dispatch(impl_->acceptor.get_executor(), [this] {
    if (impl_->acceptor.is_open()) impl_->Accept();
  });
  auto& contexts = impl_->contexts;
  std::vector<std::thread> threads;
  for (size_t i = 1; i < contexts.size(); ++i) {
    threads.emplace_back([c = contexts[i].get()] { c->run(); });
  }
  contexts.front()->run();
  for (auto& t : threads) t.join();
  // Every connection is closed, so no request is left for the workers.
  impl_->workers.join();
}

void HttpServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  net::post(impl_->acceptor.get_executor(), [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->accept_retry.cancel();
  });
  // Each network thread returns once its last connection has closed.
  for (auto& guard : impl_->running) guard.reset();
  // The last reference to a session may be dropped here, and its destructor
  // takes the lock: so the sessions are collected first, then told.
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(impl_->mu);
    for (const auto& [raw, weak] : impl_->sessions) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  for (const auto& s : open) s->CloseIfIdle();
}

}  // namespace retain::api
