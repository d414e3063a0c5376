// End-to-end tests of CSV imports as background jobs on a real server.
#include <atomic>
#include <thread>

#include <zlib.h>

#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

constexpr const char* kCustomers = "/api/v1/imports?preset=generic&kind=customers";

TEST_F(ApiServerTest, ImportJobRunsToSuccess) {
  const std::string csv =
      "customer_id,first_name,email,city\n"
      "N1,Nina,nina@example.org,Hamburg\n"
      "N2,Nils,nils@example.org,Bremen\n"
      "N3,Nora,nora@example.org,Kiel\n";
  auto started = Upload(kCustomers, shop_, csv);
  ASSERT_EQ(started->status, 202) << started->body;
  const auto accepted = json::parse(started->body);
  const std::string location = started->get_header_value("Location");
  EXPECT_EQ(location, "/api/v1/imports/" + accepted["id"].get<std::string>());
  EXPECT_TRUE(accepted["status"] == "queued" || accepted["status"] == "running" ||
              accepted["status"] == "succeeded")
      << accepted.dump();
  EXPECT_EQ(accepted["progress"]["bytes_total"], csv.size());

  const auto job = WaitForImport(location, shop_);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["counts"]["customers_added"], 3);
  EXPECT_EQ(job["counts"]["rows_rejected"], 0);
  EXPECT_EQ(job["progress"]["percent"], 100.0);
  EXPECT_EQ(job["progress"]["rows_read"], 3);
  EXPECT_EQ(job["file"], "customers.csv");
  EXPECT_TRUE(job["error"].is_null());
  EXPECT_TRUE(job["finished_at"].is_string());
  auto nils = json::parse(Send("GET", "/api/v1/customers/N2", analyst_)->body);
  EXPECT_EQ(nils["profile"]["email"], "nils@example.org");

  // Orders go in as a second job; admins may follow a shop's job too.
  auto orders = Upload("/api/v1/imports?kind=orders", shop_,
                       "order_id,customer_id,ordered_at,total\n"
                       "NO1,N1,2025-12-01,19.90\nNO2,N1,2025-12-08,5.00\n");
  ASSERT_EQ(orders->status, 202) << orders->body;
  const auto done = WaitForImport(orders->get_header_value("Location"), admin_);
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["counts"]["orders_added"], 2);
  auto nina = json::parse(Send("GET", "/api/v1/customers/N1", analyst_)->body);
  EXPECT_EQ(nina["totals"]["orders"], 2);
  EXPECT_EQ(nina["totals"]["revenue"], 2490);

  // The same file again changes nothing.
  auto again = Upload(kCustomers, admin_, csv);
  ASSERT_EQ(again->status, 202);
  const auto same = WaitForImport(again->get_header_value("Location"), admin_);
  EXPECT_EQ(same["counts"]["customers_added"], 0);
  EXPECT_EQ(same["counts"]["customers_updated"], 0);

  // Analysts read, they do not import.
  Problem(Upload(kCustomers, analyst_, csv), 403);
  Problem(Send("GET", location, analyst_), 403);
  Problem(Send("GET", "/api/v1/imports/imp-0000000000000000", shop_), 404);
}

// `csv` compressed as a gzip stream.
std::string Gzip(const std::string& csv) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, csv.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(csv.data()));
  z.avail_in = static_cast<uInt>(csv.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST_F(ApiServerTest, GzipUploadsAreImportedAndOtherEncodingsRefused) {
  const std::string csv = "customer_id,first_name,email\nZ1,Zora,zora@example.org\n";
  httplib::Client c("127.0.0.1", port_);
  const httplib::Headers gzip{{"Authorization", "Bearer " + shop_}, {"Content-Encoding", "gzip"}};
  auto started = c.Post(kCustomers, gzip, Gzip(csv), "text/csv");
  ASSERT_EQ(started->status, 202) << started->body;
  const auto job = WaitForImport(started->get_header_value("Location"), shop_);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["counts"]["customers_added"], 1);
  const httplib::Headers br{{"Authorization", "Bearer " + shop_}, {"Content-Encoding", "br"}};
  Problem(c.Post(kCustomers, br, csv, "text/csv"), 415);
  // JSON bodies come as they are.
  Problem(c.Post("/api/v1/orders", gzip, Gzip("{}"), "application/json"), 415);
}

TEST_F(ApiServerTest, BadImportFailsWithLocationAndWritesNothing) {
  const std::string csv =
      "customer_id,first_name,birth_date\n"
      "B1,Berta,1990-01-01\n"
      "B2,Bruno,1990-02-30\n";
  auto started = Upload(kCustomers, shop_, csv);
  ASSERT_EQ(started->status, 202) << started->body;
  const auto job = WaitForImport(started->get_header_value("Location"), shop_);
  ASSERT_EQ(job["status"], "failed") << job.dump();
  const auto& error = job["error"];
  EXPECT_EQ(error["status"], 400);
  EXPECT_EQ(error["file"], "customers.csv");
  EXPECT_EQ(error["line"], 3);
  EXPECT_EQ(error["column"], 3);
  EXPECT_EQ(error["field"], "birth_date");
  const std::string detail = error["detail"];
  EXPECT_EQ(detail.rfind("customers.csv:3:3 (birth_date): ", 0), 0u) << detail;
  EXPECT_EQ(job.dump().find(dir_.string()), std::string::npos) << "no server paths: " << job.dump();
  EXPECT_TRUE(job["counts"].is_null());
  // All or nothing: the good row before the bad one is not there either.
  Problem(Send("GET", "/api/v1/customers/B1", analyst_), 404);

  // skip_bad imports the good rows and keeps the bad ones for download.
  auto skipping = Upload(std::string(kCustomers) + "&skip_bad=true", shop_, csv);
  ASSERT_EQ(skipping->status, 202) << skipping->body;
  const auto skipped = WaitForImport(skipping->get_header_value("Location"), shop_);
  ASSERT_EQ(skipped["status"], "succeeded") << skipped.dump();
  EXPECT_EQ(skipped["counts"]["customers_added"], 1);
  EXPECT_EQ(skipped["counts"]["rows_rejected"], 1);
  ASSERT_TRUE(skipped["rejects"].is_string());
  auto rejects = Send("GET", skipped["rejects"], shop_);
  ASSERT_EQ(rejects->status, 200);
  EXPECT_EQ(rejects->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(rejects->body.find("\"customers.csv\",3,3,\"birth_date\""), std::string::npos)
      << rejects->body;
  EXPECT_EQ(rejects->body.find(dir_.string()), std::string::npos) << rejects->body;
  EXPECT_EQ(Send("GET", "/api/v1/customers/B1", analyst_)->status, 200);
  Problem(Send("GET", started->get_header_value("Location") + "/rejects", shop_), 404);
}

TEST_F(ApiServerTest, ImportOptionsAndLimits) {
  const std::string csv = "customer_id\nL1\n";
  auto preset = Problem(Upload("/api/v1/imports?preset=sap", shop_, csv), 400);
  EXPECT_EQ(preset["errors"][0]["field"], "preset");
  auto kind = Problem(Upload("/api/v1/imports", shop_, csv), 400);
  EXPECT_EQ(kind["errors"][0]["field"], "kind");
  auto foreign = Problem(Upload("/api/v1/imports?preset=shopify&kind=orders", shop_, csv), 400);
  EXPECT_EQ(foreign["errors"][0]["field"], "kind");
  auto encoding = Problem(Upload(std::string(kCustomers) + "&encoding=ebcdic", shop_, csv), 400);
  EXPECT_EQ(encoding["errors"][0]["field"], "encoding");
  auto skip = Problem(Upload(std::string(kCustomers) + "&skip_bad=perhaps", shop_, csv), 400);
  EXPECT_EQ(skip["errors"][0]["field"], "skip_bad");
  Problem(Upload(kCustomers, shop_, ""), 400);
  // Uploads have their own limit (4 MiB here), above the JSON body limit (64 KiB).
  std::string big = "customer_id,first_name\n";
  for (int i = 0; big.size() < 100 * 1024; ++i) big += "L" + std::to_string(i) + ",Lena\n";
  auto accepted = Upload(kCustomers, shop_, big);
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  EXPECT_EQ(WaitForImport(accepted->get_header_value("Location"), shop_)["status"], "succeeded");
  auto huge = Problem(Upload(kCustomers, shop_, std::string(5 << 20, 'x')), 413);
  EXPECT_NE(huge["detail"].get<std::string>().find("max_import_bytes"), std::string::npos);
  // The connection still serves requests after refusing a body.
  EXPECT_EQ(Send("GET", "/api/v1/kpis", analyst_)->status, 200);
}

TEST_F(ApiServerTest, WritesDuringAnImportAreNotLost) {
  std::string csv = "customer_id,first_name,city\n";
  for (int i = 0; i < 30000; ++i) csv += "M" + std::to_string(i) + ",Max,Berlin\n";
  auto started = Upload(kCustomers, shop_, csv);
  ASSERT_EQ(started->status, 202) << started->body;
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string id = "D" + std::to_string(t) + "-" + std::to_string(i);
        auto r = Send("POST", "/api/v1/orders", shop_,
                      R"({"order_id":")" + id +
                          R"(","customer_id":"C10","ordered_at":"2025-11-01","total":100})");
        if (r && r->status == 201) ++created;
      }
    });
  }
  for (auto& w : writers) w.join();
  const auto job = WaitForImport(started->get_header_value("Location"), shop_);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["counts"]["customers_added"], 30000);
  EXPECT_EQ(job["progress"]["rows_read"], 30000);
  EXPECT_EQ(created.load(), 40);
  auto profile = json::parse(Send("GET", "/api/v1/customers/C10", analyst_)->body);
  EXPECT_EQ(profile["totals"]["orders"], 40);
  auto last = Send("GET", "/api/v1/customers/M29999", analyst_);
  EXPECT_EQ(last->status, 200);
}

}  // namespace
}  // namespace retain::api
