// The Kunden-Club survives being killed: `retain serve` runs as a child
// process and is killed (SIGKILL) at random moments while several clients
// send purchases, returns and redemptions, each retrying with the same key
// until it is acknowledged. After every restart, and at the end, every
// acknowledged write is there exactly once and `retain loyalty check` passes.
//
// Usage: retain_crash_test RETAIN_BINARY  (RETAIN_CRASH_CYCLES sets the number
// of kills, default 10; RETAIN_CRASH_SEED the random seed).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <thread>

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string g_retain;  // the binary under test

// Runs `retain ARGS` to completion; returns its stdout, with stderr unless
// `quiet` (fails the test on a non-zero exit).
std::string RunRetain(const std::string& args, bool quiet = false) {
  const std::string cmd = g_retain + " " + args + (quiet ? " 2>/dev/null" : " 2>&1");
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int rc = pclose(p);
  EXPECT_EQ(rc, 0) << cmd << "\n" << out;
  return out;
}

// A `retain serve` child process.
class Server {
 public:
  explicit Server(fs::path dir) : dir_(std::move(dir)) {}
  ~Server() { Kill(); }

  // Starts the server and waits for its address; returns the port.
  int Start() {
    const fs::path log = dir_ / "serve.out";
    fs::remove(log);
    pid_ = fork();
    if (pid_ == 0) {
      const std::string db = (dir_ / "club.db").string();
      freopen(log.c_str(), "w", stdout);
      freopen((dir_ / "serve.err").c_str(), "a", stderr);
      execl(g_retain.c_str(), g_retain.c_str(), "--db", db.c_str(), "serve", "--listen",
            "127.0.0.1:0", static_cast<char*>(nullptr));
      _exit(127);
    }
    const std::regex port_re("http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(log);
      std::string text((std::istreambuf_iterator<char>(in)), {});
      std::smatch m;
      if (std::regex_search(text, m, port_re)) return port_ = std::stoi(m[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "the server did not start";
    return 0;
  }
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  int port() const { return port_; }

 private:
  fs::path dir_;
  pid_t pid_ = 0;
  int port_ = 0;
};

// What the clients were told: request key -> the answer's body.
struct Acknowledged {
  std::mutex mu;
  std::map<std::string, json> purchases, returns, redemptions;
};

class LoyaltyCrash : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("retain_crash_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string db = "--db " + (dir_ / "club.db").string();
    RunRetain(db + " init");
    {
      std::ofstream csv(dir_ / "customers.csv");
      csv << "customer_id,first_name\n";
      for (int i = 0; i < kMembers; ++i) csv << "M" << i << ",Kunde" << i << "\n";
    }
    RunRetain(db + " import " + (dir_ / "customers.csv").string());
    for (int i = 0; i < kMembers; ++i) RunRetain(db + " loyalty enroll M" + std::to_string(i));
    key_ = RunRetain(db + " apikey create --role shop --name crash", true);
    while (!key_.empty() && (key_.back() == '\n' || key_.back() == '\r')) key_.pop_back();
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Sends until the server acknowledges (2xx or a 4xx answer of the
  // request itself); a refused connection or a 5xx means "try again".
  json Deliver(const std::atomic<int>& port, const std::string& path, const json& body,
               int* status) {
    for (;;) {
      httplib::Client c("127.0.0.1", port.load());
      c.set_connection_timeout(0, 300000);
      c.set_read_timeout(5);
      auto r = c.Post(path, {{"Authorization", "Bearer " + key_}}, body.dump(), "application/json");
      if (r && r->status < 500) {
        *status = r->status;
        return json::parse(r->body, nullptr, false);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  static constexpr int kMembers = 8;
  fs::path dir_;
  std::string key_;
};

TEST_F(LoyaltyCrash, NothingAcknowledgedIsLostOrCountedTwice) {
  const int cycles =
      std::getenv("RETAIN_CRASH_CYCLES") ? std::atoi(std::getenv("RETAIN_CRASH_CYCLES")) : 10;
  const unsigned seed =
      std::getenv("RETAIN_CRASH_SEED") ? std::atoi(std::getenv("RETAIN_CRASH_SEED")) : 20261124;
  std::mt19937 rng(seed);
  Server server(dir_);
  std::atomic<int> port{server.Start()};
  ASSERT_GT(port.load(), 0);
  Acknowledged acked;
  std::atomic<bool> stop{false};
  const std::string day = "2026-01-05";
  std::vector<std::thread> clients;
  for (int c = 0; c < kMembers; ++c) {
    clients.emplace_back([&, c] {
      const std::string member = "M" + std::to_string(c);
      std::mt19937 r(seed + c);
      for (int n = 0; !stop; ++n) {
        const std::string order = member + "-O" + std::to_string(n);
        int status = 0;
        json a = Deliver(port, "/api/v1/loyalty/purchases",
                         {{"order_id", order},
                          {"customer_id", member},
                          {"amount_cents", 1000 + static_cast<int>(r() % 50000)},
                          {"occurred_at", day}},
                         &status);
        EXPECT_EQ(status, 201) << a.dump();
        {
          std::lock_guard lock(acked.mu);
          acked.purchases[order] = a;
        }
        if (n % 3 == 2) {
          const std::string ret = member + "-R" + std::to_string(n);
          json b =
              Deliver(port, "/api/v1/loyalty/returns",
                      {{"return_id", ret}, {"order_id", order}, {"amount_cents", 500}}, &status);
          EXPECT_EQ(status, 201) << b.dump();
          std::lock_guard lock(acked.mu);
          acked.returns[ret] = b;
        }
        if (n % 4 == 3) {
          const std::string req = member + "-Q" + std::to_string(n);
          json v =
              Deliver(port, "/api/v1/loyalty/redemptions",
                      {{"request_id", req}, {"customer_id", member}, {"points", 500}}, &status);
          EXPECT_TRUE(status == 201 || status == 409) << v.dump();
          if (status == 201) {
            std::lock_guard lock(acked.mu);
            acked.redemptions[req] = v;
          }
        }
      }
    });
  }
  for (int cycle = 0; cycle < cycles; ++cycle) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 500));
    server.Kill();
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 100));
    port = server.Start();
    ASSERT_GT(port.load(), 0);
  }
  stop = true;
  for (auto& t : clients) t.join();
  server.Kill();

  // Every acknowledged write is there once: the ledger's totals are the sums
  // of what the clients were told, and the invariants hold.
  const std::string db = "--db " + (dir_ / "club.db").string();
  auto check = json::parse(RunRetain(db + " loyalty check --json"));
  EXPECT_TRUE(check["ok"].get<bool>()) << check.dump(2);
  int64_t earned = 0, reversed = 0, redeemed = 0;
  for (const auto& [k, a] : acked.purchases) earned += a["points_earned"].get<int64_t>();
  for (const auto& [k, a] : acked.returns) reversed += a["points_reversed"].get<int64_t>();
  for (const auto& [k, a] : acked.redemptions) redeemed += a["voucher"]["points"].get<int64_t>();
  EXPECT_EQ(check["purchases"], acked.purchases.size());
  EXPECT_EQ(check["returns"], acked.returns.size());
  EXPECT_EQ(check["vouchers"], acked.redemptions.size());
  EXPECT_EQ(check["points_issued"], earned);
  EXPECT_EQ(check["points_reversed"], reversed);
  EXPECT_EQ(check["points_redeemed"], redeemed);
  std::printf("crash test: %d kills, %zu purchases, %zu returns, %zu vouchers acknowledged\n",
              cycles, acked.purchases.size(), acked.returns.size(), acked.redemptions.size());
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: retain_crash_test RETAIN_BINARY\n");
    return 2;
  }
  g_retain = argv[1];
  return RUN_ALL_TESTS();
}
