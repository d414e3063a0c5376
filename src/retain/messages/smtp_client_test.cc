#include "retain/messages/smtp_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "retain/messages/messages_testing.h"
#include "retain/messages/mime.h"

namespace retain::messages {
namespace {

using testing::ScratchDir;

// An SMTP server (aiosmtpd) that writes every message it accepts to
// <dir>/NNN.eml with the envelope in X-Envelope-* lines, refuses
// recipients starting with "refuse" (550) and defers those starting with
// "later" (451). It prints its port when ready and stops when its stdin
// closes (also when the test process dies).
constexpr std::string_view kServerScript = R"PY(
import os, socket, sys
from aiosmtpd.controller import Controller

out = sys.argv[1]

class Save:
    count = 0
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 No such user here"
        if address.startswith("later"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
    async def handle_DATA(self, server, session, envelope):
        Save.count += 1
        name = os.path.join(out, "%03d.eml" % Save.count)
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\nX-Peer-Port: %s\r\n" % (
                envelope.mail_from, ",".join(envelope.rcpt_tos), session.peer[1])).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 OK: queued"

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
controller = Controller(Save(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
)PY";

// A Python that has aiosmtpd ($RETAIN_PYTHON, python3, /usr/bin/python3), or "".
std::string PythonWithAiosmtpd() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("RETAIN_PYTHON")) candidates.emplace_back(env);
  candidates.insert(candidates.end(), {"python3", "/usr/bin/python3"});
  for (const auto& python : candidates) {
    const std::string probe = python + " -c 'import aiosmtpd' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return python;
  }
  return "";
}

class SmtpServer {
 public:
  // Starts the server; port() is 0 when it did not come up.
  SmtpServer(const std::string& python, const std::string& dir) {
    const std::string script = ScratchFile(dir, "server.py", kServerScript);
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      execlp(python.c_str(), python.c_str(), script.c_str(), (dir + "/mail").c_str(), nullptr);
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    stdin_ = to_child[1];
    std::string line;
    char c;
    while (read(from_child[0], &c, 1) == 1 && c != '\n') line += c;
    close(from_child[0]);
    port_ = std::atoi(line.c_str());
  }
  ~SmtpServer() {
    if (stdin_ >= 0) close(stdin_);
    if (pid_ > 0) {
      for (int i = 0; i < 50 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (i == 20) kill(pid_, SIGTERM);
      }
    }
  }
  int port() const { return port_; }

 private:
  static std::string ScratchFile(const std::string& dir, const std::string& name,
                                 std::string_view text) {
    std::filesystem::create_directories(dir + "/mail");
    const std::string path = dir + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

// A port on 127.0.0.1 where nothing listens.
int UnusedPort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The messages the server saved, waiting up to 5 seconds for `count`.
std::vector<std::string> Received(const std::string& dir, size_t count) {
  std::vector<std::string> out;
  for (int i = 0; i < 100; ++i) {
    out.clear();
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/mail")) {
      if (e.path().extension() == ".eml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out.push_back(Slurp(f));
    if (out.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return out;
}

std::string Message(const std::string& to, const std::string& subject, const std::string& body) {
  Email e;
  e.from = {"news@shop.example", "Schuhhaus Becker"};
  e.to = {to, "Anna Müller"};
  e.subject = subject;
  e.body = body;
  e.message_id = "m-" + to;
  e.date = "Tue, 03 Mar 2026 09:30:00 +0100";
  e.list_unsubscribe = "https://shop.example/u/1";
  e.language = "de";
  return *ComposeEmail(e);
}

class SmtpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string python = PythonWithAiosmtpd();
    if (python.empty()) {
      GTEST_SKIP() << "python3 with aiosmtpd not found (apt-get install python3-aiosmtpd, or set "
                      "RETAIN_PYTHON): SMTP tests against a local server skipped";
    }
    server_ = std::make_unique<SmtpServer>(python, dir_.path());
    ASSERT_GT(server_->port(), 0) << "the aiosmtpd test server did not start";
    settings_.host = "127.0.0.1";
    settings_.port = server_->port();
    settings_.tls = "none";
    settings_.from_address = "bounces@shop.example";
    settings_.timeout_seconds = 10;
  }

  ScratchDir dir_;
  std::unique_ptr<SmtpServer> server_;
  SmtpSettings settings_;
};

TEST_F(SmtpClientTest, SendsTwoMessagesOverOneConnection) {
  SmtpClient client(settings_);
  const std::string body = "Guten Tag Frau Müller,\n\nä ö ü ß € – " + std::string(90, '*') +
                           "\n.\n.. zwei Punkte\nEnde\n";
  ASSERT_TRUE(
      client.Send("", "anna@example.com", Message("anna@example.com", "Grüße 🎉", body)).ok());
  const core::Status second =
      client.Send("other@shop.example", "ben@example.com", Message("ben@example.com", "Hi", "x"));
  ASSERT_TRUE(second.ok()) << second.message();

  const auto mail = Received(dir_.path(), 2);
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(testing::HeaderValue(mail[0], "X-Envelope-From"), "bounces@shop.example");
  EXPECT_EQ(testing::HeaderValue(mail[0], "X-Envelope-To"), "anna@example.com");
  EXPECT_EQ(testing::HeaderValue(mail[1], "X-Envelope-From"), "other@shop.example");
  EXPECT_EQ(testing::HeaderValue(mail[1], "X-Envelope-To"), "ben@example.com");
  EXPECT_EQ(testing::HeaderValue(mail[0], "X-Peer-Port"),
            testing::HeaderValue(mail[1], "X-Peer-Port"))
      << "the second message should reuse the connection";

  EXPECT_EQ(testing::DecodeHeaderText(testing::HeaderValue(mail[0], "Subject")), "Grüße 🎉");
  EXPECT_EQ(testing::HeaderValue(mail[0], "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(testing::HeaderValue(mail[0], "List-Unsubscribe"), "<https://shop.example/u/1>");
  EXPECT_EQ(testing::HeaderValue(mail[0], "Message-ID"), "<m-anna@example.com>");
  std::string expected;
  for (char c : body) expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(testing::DecodeQuotedPrintable(testing::BodyOf(mail[0])), expected);
}

TEST_F(SmtpClientTest, ARefusedRecipientIsPermanent) {
  SmtpClient client(settings_);
  const core::Status s =
      client.Send("", "refuse@example.com", Message("refuse@example.com", "Hi", "x"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), core::Code::kInvalidArgument) << s.message();
  EXPECT_FALSE(IsTransient(s));
  EXPECT_NE(s.message().find("550"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("No such user here"), std::string::npos) << s.message();
  // The client goes on working after a refusal.
  EXPECT_TRUE(client.Send("", "anna@example.com", Message("anna@example.com", "Hi", "x")).ok());
}

TEST_F(SmtpClientTest, ADeferredRecipientIsTransient) {
  SmtpClient client(settings_);
  const core::Status s =
      client.Send("", "later@example.com", Message("later@example.com", "Hi", "x"));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(IsTransient(s)) << s.message();
  EXPECT_NE(s.message().find("451"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("worth retrying"), std::string::npos) << s.message();
}

TEST_F(SmtpClientTest, StartTlsThatTheServerLacksIsASettingsProblem) {
  settings_.tls = "starttls";
  SmtpClient client(settings_);
  const core::Status s =
      client.Send("", "anna@example.com", Message("anna@example.com", "Hi", "x"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), core::Code::kFailedPrecondition) << s.message();
  EXPECT_TRUE(Received(dir_.path(), 0).empty());
}

TEST(SmtpClient, ConnectionRefusedIsTransientAndKeepsThePasswordOut) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = UnusedPort();
  settings.tls = "none";
  settings.user = "shop";
  settings.password = "s3cr3t-Passw0rd";
  settings.from_address = "news@shop.example";
  SmtpClient client(settings);
  const core::Status s = client.Send("", "anna@example.com", "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), core::Code::kIo) << s.message();
  EXPECT_TRUE(IsTransient(s));
  EXPECT_NE(s.message().find("127.0.0.1:" + std::to_string(settings.port)), std::string::npos)
      << s.message();
  EXPECT_EQ(s.message().find("s3cr3t"), std::string::npos) << s.message();
}

TEST(SmtpClient, BadSettingsAndAddressesFailBeforeConnecting) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.tls = "ssl";
  settings.from_address = "news@shop.example";
  const core::Status tls = SmtpClient(settings).Send("", "anna@example.com", "x");
  EXPECT_EQ(tls.code(), core::Code::kFailedPrecondition) << tls.message();
  EXPECT_FALSE(IsTransient(tls));
  settings.tls = "none";
  settings.host = "";
  EXPECT_EQ(SmtpClient(settings).Send("", "anna@example.com", "x").code(),
            core::Code::kFailedPrecondition);
  settings.host = "127.0.0.1";
  const core::Status to = SmtpClient(settings).Send("", "anna\r\n@example.com", "x");
  EXPECT_EQ(to.code(), core::Code::kInvalidArgument);
  EXPECT_TRUE(to.message().starts_with("recipient")) << to.message();
  settings.from_address = "";
  EXPECT_EQ(SmtpClient(settings).Send("", "anna@example.com", "x").code(),
            core::Code::kInvalidArgument);
}

}  // namespace
}  // namespace retain::messages
