// HttpServer on the wire: raw bytes over a loopback socket, so that what a
// client library would smooth over (pipelining, 100-continue, bodies left
// unread, malformed requests, stopping) is seen as sent.
#include "retain/api/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>

#include "retain/api/router.h"

namespace retain::api {
namespace {

using namespace std::chrono_literals;

// A client connection speaking raw bytes.
class Wire {
 public:
  explicit Wire(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Wire() { ::close(fd_); }
  bool connected() const { return connected_; }

  void Send(const std::string& bytes) { ASSERT_TRUE(TrySend(bytes)); }
  bool TrySend(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Reads until `needle` has arrived (true) or the connection ends or `wait` passes.
  bool ReadUntil(const std::string& needle, std::chrono::milliseconds wait = 5000ms) {
    while (got_.find(needle) == std::string::npos) {
      if (!ReadSome(wait)) return false;
    }
    return true;
  }
  // Reads until the server closes the connection (true) or 5 s pass.
  bool ReadToEnd() {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < until) {
      if (!ReadSome(100ms) && closed_) return true;
    }
    return false;
  }
  const std::string& got() const { return got_; }

 private:
  bool ReadSome(std::chrono::milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    char buf[65536];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    got_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string got_;
};

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class HttpServerTest : public ::testing::Test {
 protected:
  // Starts a server whose handler is `handler` (default: answers the target).
  void Start(HttpOptions options = {}) {
    if (!options.is_quick) {
      options.is_quick = [](std::string_view, std::string_view target) {
        return target.rfind("/slow", 0) != 0;
      };
    }
    server_ = std::make_unique<HttpServer>(
        options, [this](HttpRequest& r) { return handler_(r); },
        [this](int status, std::string_view, std::string_view) {
          errors_.push_back(status);
          return HttpReply{status, "text/plain", "error " + std::to_string(status), {}, {}};
        });
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.has_value()) << port.error().message();
    port_ = *port;
    runner_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  std::function<HttpReply(HttpRequest&)> handler_ = [](HttpRequest& r) {
    return HttpReply{200, "text/plain", "you asked for " + std::string(r.Target()), {}, {}};
  };
  std::unique_ptr<HttpServer> server_;
  std::thread runner_;
  int port_ = 0;
  std::vector<int> errors_;
};

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrderOnOneConnection) {
  Start();
  Wire w(port_);
  w.Send(
      "GET /a?x=1 HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /slow/b HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /c HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  const auto& got = w.got();
  EXPECT_EQ(Count(got, "HTTP/1.1 200 OK"), 3) << got;
  const size_t a = got.find("you asked for /a?x=1"), b = got.find("you asked for /slow/b"),
               c = got.find("you asked for /c");
  ASSERT_NE(c, std::string::npos) << got;
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

TEST_F(HttpServerTest, MalformedRequestsGetAnErrorAndTheConnectionCloses) {
  Start();
  Wire bad(port_);
  bad.Send("THIS IS NOT HTTP\r\n\r\n");
  ASSERT_TRUE(bad.ReadToEnd());
  EXPECT_EQ(bad.got().rfind("HTTP/1.1 400", 0), 0u) << bad.got();
  EXPECT_NE(bad.got().find("error 400"), std::string::npos);

  Wire huge(port_);
  huge.Send("GET /a HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(32 * 1024, 'x') + "\r\n\r\n");
  ASSERT_TRUE(huge.ReadToEnd());
  EXPECT_EQ(huge.got().rfind("HTTP/1.1 431", 0), 0u) << huge.got().substr(0, 200);
}

TEST_F(HttpServerTest, ABodyLeftUnreadIsDroppedAndTheConnectionGoesOn) {
  Start();
  Wire w(port_);
  w.Send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b') +
         "GET /next HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  EXPECT_NE(w.got().find("you asked for /next"), std::string::npos) << w.got();
}

TEST_F(HttpServerTest, ABodyOverTheDiscardLimitClosesTheConnectionAfterTheReply) {
  HttpOptions o;
  o.max_discard_bytes = 100;
  Start(o);
  Wire w(port_);
  w.Send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b') +
         "GET /next HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  EXPECT_NE(w.got().find("you asked for /a"), std::string::npos) << w.got();
  EXPECT_NE(w.got().find("Connection: close"), std::string::npos) << w.got();
  EXPECT_EQ(w.got().find("/next"), std::string::npos) << w.got();
}

TEST_F(HttpServerTest, BodiesAreReadInPiecesUpToTheLimit) {
  handler_ = [](HttpRequest& r) {
    std::string body;
    const BodyEnd end = r.ReadBody(10, [&](std::string_view p) {
      body.append(p);
      return true;
    });
    const char* names[] = {"complete", "too large", "stopped", "broken"};
    return HttpReply{
        200, "text/plain", std::string(names[static_cast<int>(end)]) + ":" + body, {}, {}};
  };
  Start();
  Wire w(port_);
  w.Send(
      "POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
      "POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"
      "POST /c HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world"
      "POST /d HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
      "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  EXPECT_NE(w.got().find("complete:hello"), std::string::npos) << w.got();
  EXPECT_NE(w.got().find("complete:abcdefg"), std::string::npos) << w.got();
  // A declared length over the limit is refused unread; an undeclared one as it passes it.
  EXPECT_EQ(Count(w.got(), "too large:"), 2) << w.got();
  EXPECT_EQ(Count(w.got(), "HTTP/1.1 200"), 4) << w.got();
}

TEST_F(HttpServerTest, ContinueIsSentOnlyWhenTheBodyIsWanted) {
  handler_ = [](HttpRequest& r) {
    if (r.Target() == "/refuse") return HttpReply{401, "text/plain", "no", {}, {}};
    std::string body;
    r.ReadBody(100, [&](std::string_view p) {
      body.append(p);
      return true;
    });
    return HttpReply{200, "text/plain", "got " + body, {}, {}};
  };
  Start();
  Wire w(port_);
  w.Send("POST /take HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  ASSERT_TRUE(w.ReadUntil("100 Continue\r\n\r\n")) << w.got();
  w.Send("data");
  ASSERT_TRUE(w.ReadUntil("got data")) << w.got();

  // Refused before the body was asked for: the answer comes at once and the
  // connection closes, since the client has not sent the body.
  Wire r(port_);
  r.Send("POST /refuse HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  ASSERT_TRUE(r.ReadToEnd());
  EXPECT_EQ(r.got().rfind("HTTP/1.1 401", 0), 0u) << r.got();
  EXPECT_EQ(r.got().find("100 Continue"), std::string::npos) << r.got();
}

TEST_F(HttpServerTest, HeadAnswersTheLengthWithoutTheBody) {
  Start();
  Wire w(port_);
  w.Send("HEAD /abc HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  EXPECT_NE(w.got().find("Content-Length: 18"), std::string::npos) << w.got();
  EXPECT_EQ(w.got().find("you asked"), std::string::npos) << w.got();
}

TEST_F(HttpServerTest, FilesAreSentFromDisk) {
  const std::string path = ::testing::TempDir() + "/retain_http_file.txt";
  { std::ofstream(path) << std::string(200000, 'f'); }
  handler_ = [&](HttpRequest&) {
    return HttpReply{200, "text/plain", "", path, {{"X-Kind", "file"}}};
  };
  Start();
  Wire w(port_);
  w.Send(
      "HEAD /slow/file HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /slow/file HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  const std::string& got = w.got();
  EXPECT_EQ(Count(got, "Content-Length: 200000"), 2) << got.substr(0, 300);
  EXPECT_EQ(Count(got, "X-Kind: file"), 2);
  // The HEAD answer has no body: the GET answer follows its header at once.
  const size_t head_end = got.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_EQ(got.find("HTTP/1.1 200", 1), head_end + 4);
  const size_t body = got.find("\r\n\r\n", head_end + 4);
  ASSERT_NE(body, std::string::npos);
  EXPECT_EQ(got.substr(body + 4), std::string(200000, 'f'));
  std::filesystem::remove(path);
}

TEST_F(HttpServerTest, AHandlerThatThrowsGets500) {
  handler_ = [](HttpRequest&) -> HttpReply { throw std::runtime_error("boom"); };
  Start();
  Wire w(port_);
  w.Send("GET /a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(w.ReadToEnd());
  EXPECT_EQ(w.got().rfind("HTTP/1.1 500", 0), 0u) << w.got();
}

// Answers "got [the body]".
HttpReply EchoBody(HttpRequest& r) {
  std::string body;
  r.ReadBody(100, [&](std::string_view p) {
    body += p;
    return true;
  });
  return HttpReply{200, "text/plain", "got [" + body + "]", {}, {}};
}

// One network thread: if a slow request ran on it, the quick ones could not
// be answered before the slow one is let go, and the test would time out.
// A quick POST whose body came with its header is quick too.
TEST_F(HttpServerTest, QuickRequestsAreNotHeldUpBySlowOnes) {
  std::promise<void> release;
  auto released = release.get_future().share();
  handler_ = [released](HttpRequest& r) {
    if (r.Target() == "/slow" && released.wait_for(10s) != std::future_status::ready) {
      return HttpReply{500, "text/plain", "never released", {}, {}};
    }
    return EchoBody(r);
  };
  HttpOptions o;
  o.io_threads = 1;
  o.threads = 1;
  Start(o);
  Wire slow(port_), quick(port_), post(port_);
  slow.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(50ms);
  quick.Send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(quick.ReadUntil("got []")) << quick.got();
  post.Send("POST /quick HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(post.ReadUntil("got [hello]")) << post.got();
  EXPECT_EQ(slow.got(), "");
  release.set_value();
  ASSERT_TRUE(slow.ReadUntil("got []")) << slow.got();
}

// A quick POST whose body is still on its way goes to a worker: the one
// network thread goes on serving other connections meanwhile.
TEST_F(HttpServerTest, QuickPostWaitingForItsBodyDoesNotHoldTheNetworkThread) {
  handler_ = EchoBody;
  HttpOptions o;
  o.io_threads = 1;
  o.threads = 2;
  Start(o);
  Wire post(port_), get(port_);
  post.Send("POST /quick HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhe");
  std::this_thread::sleep_for(50ms);
  get.Send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(get.ReadUntil("got []", 2000ms)) << get.got();
  EXPECT_EQ(post.got(), "");
  post.Send("llo");
  ASSERT_TRUE(post.ReadUntil("got [hello]")) << post.got();
}

TEST_F(HttpServerTest, StopAnswersRequestsInFlightAndClosesIdleConnections) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> once{false};
  handler_ = [&, released](HttpRequest& r) {
    if (r.Target() == "/slow" && !once.exchange(true)) {
      entered.set_value();
      released.wait_for(10s);
    }
    return HttpReply{200, "text/plain", "done " + std::string(r.Target()), {}, {}};
  };
  Start();
  {
    Wire idle(port_), busy(port_);
    ASSERT_TRUE(idle.connected());
    busy.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    ASSERT_EQ(entered.get_future().wait_for(5s), std::future_status::ready);
    server_->Stop();
    EXPECT_TRUE(idle.ReadToEnd());  // closed without a request
    EXPECT_EQ(idle.got(), "");
    release.set_value();
    ASSERT_TRUE(busy.ReadToEnd());
    EXPECT_NE(busy.got().find("done /slow"), std::string::npos) << busy.got();
    EXPECT_NE(busy.got().find("Connection: close"), std::string::npos) << busy.got();
  }                // the client closes too, as clients do after Connection: close
  runner_.join();  // Run returns
  Wire late(port_);
  EXPECT_FALSE(late.connected());
}

// Connections coming and going while the server stops and is destroyed:
// whatever is still queued for a connection when the server goes must not
// outlive what the connection needs (this once freed a list twice).
TEST(HttpServerStop, IsSafeWhileConnectionsComeAndGo) {
  for (int round = 0; round < 20; ++round) {
    HttpOptions o;
    o.io_threads = 2;
    o.threads = 2;
    o.is_quick = [](std::string_view, std::string_view t) { return t != "/slow"; };
    auto server = std::make_unique<HttpServer>(
        o,
        [](HttpRequest& r) {
          return HttpReply{200, "text/plain", std::string(r.Target()), {}, {}};
        },
        [](int status, std::string_view, std::string_view) {
          return HttpReply{status, "", "", {}, {}};
        });
    auto port = server->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.has_value());
    std::thread runner([&] { server->Run(); });
    std::atomic<bool> go{true};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        while (go) {
          Wire w(*port);
          if (!w.connected()) break;
          if (!w.TrySend(c % 2 ? "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"
                               : "GET /a HTTP/1.1\r\nHost: t\r\n\r\n")) {
            continue;
          }
          w.ReadUntil("\r\n\r\n", 500ms);
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + round % 7));
    server->Stop();
    runner.join();
    go = false;
    for (auto& t : clients) t.join();
    server.reset();
  }
}

TEST_F(HttpServerTest, IdleConnectionsAreClosedAfterTheTimeout) {
  HttpOptions o;
  o.idle_timeout = 200ms;
  Start(o);
  Wire w(port_);
  w.Send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(w.ReadUntil("you asked for /a"));
  EXPECT_TRUE(w.ReadToEnd());
}

TEST_F(HttpServerTest, BindReportsAnAddressInUse) {
  Start();
  HttpServer other(
      {}, [](HttpRequest&) { return HttpReply{}; },
      [](int, std::string_view, std::string_view) { return HttpReply{}; });
  auto taken = other.Bind("127.0.0.1", port_);
  ASSERT_FALSE(taken.has_value());
  EXPECT_NE(taken.error().message().find("--listen"), std::string::npos);
  EXPECT_FALSE(other.Bind("localhost:80", 0).has_value());
}

TEST(Query, SplitsAndDecodesNamesAndValues) {
  const auto q = ParseQuery("a=1&rule=city%20%3D%20%22K%C3%B6ln%22&b=x+y&flag&&c=%zz&a=2");
  ASSERT_EQ(q.size(), 6u);
  using Pair = std::pair<std::string, std::string>;
  EXPECT_EQ(q[0], Pair("a", "1"));
  EXPECT_EQ(q[1].second, "city = \"Köln\"");
  EXPECT_EQ(q[2].second, "x y");
  EXPECT_EQ(q[3], Pair("flag", ""));
  EXPECT_EQ(q[4].second, "%zz");
  EXPECT_EQ(q[5].second, "2");
  EXPECT_TRUE(ParseQuery("").empty());
  EXPECT_EQ(DecodePathSegment("C%2F1+2"), "C/1+2");
}

}  // namespace
}  // namespace retain::api
