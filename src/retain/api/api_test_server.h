// The API tests' server: a real ApiServer on a free loopback port over a
// fresh database (ten customers, six with two orders), with one key of each
// role, spoken to over HTTP with a real client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "retain/api/server.h"
#include "retain/app/api_keys.h"
#include "retain/storage/open_store.h"

namespace retain::api {

using nlohmann::json;

// Percent-encodes every byte but letters and digits.
inline std::string Pct(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_api_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "api.db").string();
    auto store = storage::OpenStore(db_, storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value());
    Seed(**store);
    admin_ = Key(**store, app::Role::kAdmin);
    analyst_ = Key(**store, app::Role::kAnalyst);
    shop_ = Key(**store, app::Role::kShop);
    ServerOptions o;
    o.max_body_bytes = 64 * 1024;
    o.max_import_bytes = 4 << 20;
    Start(o);
  }

  // Serves the test database with options `o` on a free port (its port,
  // db and import_dir are set here).
  void Start(ServerOptions o) {
    o.port = 0;
    o.db = db_;
    o.import_dir = (dir_ / "imports").string();
    auto server = ApiServer::Create(o);
    ASSERT_TRUE(server.has_value()) << server.error().message();
    server_ = std::move(*server);
    auto port = server_->Bind();
    ASSERT_TRUE(port.has_value());
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  // Serves the same database again with other options.
  void Restart(ServerOptions o) {
    server_->Stop();
    thread_.join();
    server_.reset();
    Start(std::move(o));
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Ten customers C01..C10; customers 1..6 ordered twice in 2025.
  static void Seed(storage::Store& s) {
    ASSERT_TRUE(s.BeginWrite().ok());
    for (int i = 1; i <= 10; ++i) {
      model::Customer c;
      c.external_id = (i < 10 ? "C0" : "C") + std::to_string(i);
      c.first_name = "Kunde";
      c.last_name = "Nummer" + std::to_string(i);
      c.email = "k" + std::to_string(i) + "@example.org";
      c.city = i % 2 ? "Berlin" : "Köln";
      ASSERT_TRUE(s.UpsertCustomer(c).has_value());
      for (int k = 0; i <= 6 && k < 2; ++k) {
        model::Order o;
        o.external_id = "O" + std::to_string(i) + "-" + std::to_string(k);
        o.customer_external_id = c.external_id;
        o.ordered_at.day = core::DayFromCivil(2025, 3 + 4 * k, i);
        o.total_minor = 1000 * i;
        ASSERT_TRUE(s.UpsertOrder(o).has_value());
      }
    }
    ASSERT_TRUE(s.Commit().ok());
  }

  static std::string Key(storage::Store& s, app::Role role) {
    auto k = app::CreateApiKey(s, role, "test");
    EXPECT_TRUE(k.has_value());
    return k->key;
  }

  httplib::Result Send(const std::string& method, const std::string& path, const std::string& key,
                       const std::string& body = "", httplib::Headers headers = {}) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60);
    if (!key.empty()) headers.emplace("Authorization", "Bearer " + key);
    if (method == "GET") return c.Get(path, headers);
    if (method == "DELETE") return c.Delete(path, headers);
    if (method == "PUT") return c.Put(path, headers, body, "application/json");
    return c.Post(path, headers, body, "application/json");
  }

  // POSTs a CSV file to `path` (an import).
  httplib::Result Upload(const std::string& path, const std::string& key, const std::string& csv) {
    httplib::Client c("127.0.0.1", port_);
    return c.Post(path, {{"Authorization", "Bearer " + key}}, csv, "text/csv");
  }

  // Polls an import job until it has finished (or 30 s have passed); its last state.
  json WaitForImport(const std::string& location, const std::string& key) {
    json job;
    for (int i = 0; i < 600; ++i) {
      auto r = Send("GET", location, key);
      if (!r || r->status != 200) return json{{"http_status", r ? r->status : 0}};
      job = json::parse(r->body);
      if (job["status"] == "succeeded" || job["status"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
  }

  // Checks the problem+json shape and returns the body.
  static json Problem(const httplib::Result& r, int status) {
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
    json j = json::parse(r->body);
    EXPECT_EQ(j["status"], status);
    EXPECT_TRUE(j["type"].is_string() && j["title"].is_string() && j["detail"].is_string());
    return j;
  }

  std::filesystem::path dir_;
  std::string db_, admin_, analyst_, shop_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace retain::api
