#include "retain/ingest/online_retail_preset.h"

#include <zlib.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "retain/ingest/testing_sink.h"

namespace retain::ingest {
namespace {

using ::testing::HasSubstr;
using testing::ImportRun;
using testing::SharedDataPath;
using testing::SourcePath;
using testing::WriteFile;

const char kHeader[] =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

TEST(OnlineRetailPresetTest, Fixture) {
  ImportRun run;
  ASSERT_TRUE(
      run.Run("online-retail", {SourcePath("tests/data/ingest/online_retail_small.csv")}).ok());
  EXPECT_EQ(run.reporter.skipped(), 1);
  EXPECT_EQ(run.reporter.rejected(), 0);
  ASSERT_EQ(run.sink.customers.size(), 3u);
  const auto* uk = run.sink.FindCustomer("17850");
  ASSERT_NE(uk, nullptr);
  EXPECT_EQ(uk->country, "GB");
  EXPECT_EQ(uk->attributes.at("country_name"), "United Kingdom");
  EXPECT_EQ(run.sink.FindCustomer("13047")->country, "DE");
  EXPECT_EQ(run.sink.FindCustomer("14527")->country, "IE");

  ASSERT_EQ(run.sink.orders.size(), 3u);
  // 536365 reappears at the end: same order, line numbering continues.
  const auto* o = run.sink.FindOrder("536365");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->customer_external_id, "17850");
  EXPECT_EQ(o->currency, "GBP");
  EXPECT_EQ(o->total_minor, 1530 + 2034 + 2550);
  EXPECT_EQ(core::FormatTimestamp(o->ordered_at), "2010-12-01T08:26:00");
  auto lines = run.sink.LinesOf("536365");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].line_no, 3);
  EXPECT_EQ(lines[2].sku, "21730");
  EXPECT_EQ(lines[2].unit_price_minor, 425);

  // 0.001 GBP x 1000 is exactly 1.00; the quoted comma stays in the name.
  o = run.sink.FindOrder("536367");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->total_minor, 5408 + 100);
  lines = run.sink.LinesOf("536367");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].name, "ASSORTED COLOUR BIRD ORNAMENT, LARGE");
  EXPECT_EQ(lines[1].quantity, 1000);
  EXPECT_EQ(lines[1].unit_price_minor, 0);

  ASSERT_EQ(run.sink.returns.size(), 1u);
  const auto& r = run.sink.returns[0];
  EXPECT_EQ(r.external_id, "C536379");
  EXPECT_EQ(r.customer_external_id, "14527");
  EXPECT_TRUE(r.order_external_id.empty());
  EXPECT_EQ(r.amount_minor, 2750 + 1980);
  EXPECT_EQ(r.quantity, 13);
  EXPECT_EQ(r.sku, "D");
  EXPECT_EQ(core::FormatTimestamp(r.returned_at), "2010-12-01T09:41:00");
  EXPECT_EQ(run.sink.FindOrder("C536379"), nullptr);
}

TEST(OnlineRetailPresetTest, GzipAndReimportAreIdempotent) {
  const std::string csv = std::string(kHeader) +
                          "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";
  const std::string path = (testing::TestDir() / "retail.csv.gz").string();
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, csv.data(), static_cast<unsigned>(csv.size()));
  gzclose(f);
  ImportRun run;
  ASSERT_TRUE(run.Run("online-retail", {path}).ok());
  ASSERT_TRUE(run.Run("online-retail", {path}).ok());
  ASSERT_EQ(run.sink.orders.size(), 1u);
  EXPECT_EQ(run.sink.orders[0].total_minor, 1530);
  EXPECT_EQ(run.sink.lines.size(), 1u);
}

TEST(OnlineRetailPresetTest, FullFile) {
  const std::string path = SharedDataPath("validation/online_retail.csv.gz");
  if (path.empty()) GTEST_SKIP() << "shared data not found: validation/online_retail.csv.gz";
  ImportRun run;
  auto s = run.Run("online-retail", {path});
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(run.reporter.skipped(), 135080);
  EXPECT_EQ(run.reporter.rejected(), 0);
  EXPECT_EQ(run.sink.customers.size(), 4372u);
  EXPECT_EQ(run.sink.orders.size(), 18536u);
  EXPECT_EQ(run.sink.returns.size(), 3654u);
  EXPECT_EQ(run.sink.lines.size(), 406829u - 8905u);
  int64_t returned = 0;
  for (const auto& r : run.sink.returns) returned += r.amount_minor;
  std::cout << "online-retail: orders " << run.sink.orders.size() << " returns "
            << run.sink.returns.size() << " order total "
            << core::FormatMinor(run.sink.OrderTotal()) << " returned "
            << core::FormatMinor(returned) << "\n";
}

TEST(OnlineRetailPresetTest, ParseInvoiceDate) {
  auto a = ParseInvoiceDate("12/1/2010 8:26");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(core::FormatTimestamp(*a), "2010-12-01T08:26:00");
  auto b = ParseInvoiceDate("2011-12-09 12:50:00");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(core::FormatTimestamp(*b), "2011-12-09T12:50:00");
  EXPECT_FALSE(ParseInvoiceDate("13/1/2010 8:26").has_value());
  EXPECT_FALSE(ParseInvoiceDate("2/30/2011 8:26").has_value());
  EXPECT_FALSE(ParseInvoiceDate("12/1/2010x").has_value());
  EXPECT_FALSE(ParseInvoiceDate("").has_value());
}

TEST(OnlineRetailPresetTest, CountryCodes) {
  EXPECT_EQ(OnlineRetailCountryCode("United Kingdom"), "GB");
  EXPECT_EQ(OnlineRetailCountryCode("EIRE"), "IE");
  EXPECT_EQ(OnlineRetailCountryCode("RSA"), "ZA");
  EXPECT_EQ(OnlineRetailCountryCode("USA"), "US");
  EXPECT_EQ(OnlineRetailCountryCode("Unspecified"), "");
  EXPECT_EQ(OnlineRetailCountryCode("Atlantis"), "");
}

const std::string kBad = std::string(kHeader) +
                         "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"   // 2
                         "536366,22633,WARMER,-6,12/1/2010 8:28,1.85,17850,United Kingdom\n"  // 3
                         "536367,84879,BIRD,32,13/45/2010 8:34,1.69,13047,Germany\n"          // 4
                         "536368,84880,\"TOO, FEW\",1,12/1/2010 8:34,1.69\n"                  // 5
                         "536369,84881,PRICE,1,12/1/2010 8:34,-1.00,13047,Germany\n"          // 6
                         "C536370,22556,PLASTERS,12,12/1/2010 9:41,1.65,14527,EIRE\n"         // 7
                         "536371,22961,JAM,24,12/1/2010 9:41,1.45,14527,EIRE";                // 8

TEST(OnlineRetailPresetTest, NegativeQuantityStopsTheImport) {
  const std::string path = WriteFile("bad.csv", kBad);
  ImportRun run;
  auto s = run.Run("online-retail", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":3:4 (Quantity): quantity -6 is not allowed"));
  EXPECT_THAT(s.message(), HasSubstr("only allowed on cancellations (C...)"));
}

TEST(OnlineRetailPresetTest, SkipBadKeepsGoodRows) {
  const std::string path = WriteFile("bad.csv", kBad);
  const std::string rejects = (testing::TestDir() / "rejects.csv").string();
  RowReporter reporter(true, rejects);
  ImportContext ctx;
  ctx.reporter = &reporter;
  testing::TestingSink sink;
  ASSERT_TRUE(OnlineRetailPreset().Import({path}, ctx, sink).ok());
  ASSERT_TRUE(reporter.Finish().ok());
  EXPECT_EQ(reporter.rejected(), 5);
  ASSERT_EQ(sink.orders.size(), 2u);
  EXPECT_NE(sink.FindOrder("536365"), nullptr);
  EXPECT_NE(sink.FindOrder("536371"), nullptr);
  EXPECT_TRUE(sink.returns.empty());
  std::ifstream in(rejects);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr(",4,5,\"InvoiceDate\","));
  EXPECT_THAT(text, HasSubstr(",5,7,\"\",\"expected 8 fields, found 6\""));
  EXPECT_THAT(text, HasSubstr(",6,6,\"UnitPrice\",\"negative unit price -1.00 is not allowed\""));
  EXPECT_THAT(text, HasSubstr(",7,4,\"Quantity\",\"a cancellation (C...) needs a negative"));
}

TEST(OnlineRetailPresetTest, InvoiceOfAnotherCustomerIsRejected) {
  const std::string path =
      WriteFile("mixed.csv", std::string(kHeader) +
                                 "536365,A,X,1,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                                 "536365,B,Y,1,12/1/2010 8:26,2.55,13047,Germany\n");
  ImportRun run;
  auto s = run.Run("online-retail", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":3:7 (CustomerID): invoice 536365 belongs to "
                                            "customer 17850"));
}

TEST(OnlineRetailPresetTest, HeaderOnlyEmptyAndMissingColumn) {
  ImportRun run;
  EXPECT_TRUE(run.Run("online-retail", {WriteFile("header.csv", kHeader)}).ok());
  EXPECT_TRUE(run.sink.orders.empty());
  auto s = run.Run("online-retail", {WriteFile("empty.csv", "")});
  EXPECT_THAT(s.message(), HasSubstr("empty"));
  const std::string path = WriteFile("nocust.csv",
                                     "InvoiceNo,StockCode,Quantity,InvoiceDate,"
                                     "UnitPrice\n1,A,1,2010-12-01,1.00\n");
  s = run.Run("online-retail", {path});
  EXPECT_THAT(s.message(), HasSubstr(path + ":1:1: the header has no column 'CustomerID'"));
}

TEST(OnlineRetailPresetTest, UndefinedByteIsAnErrorWithLocation) {
  const std::string path = WriteFile(
      "enc.csv", std::string(kHeader) + "536365,A,WEI\x81,1,12/1/2010 8:26,2.55,17850,EIRE\n");
  ImportRun run(true);
  auto s = run.Run("online-retail", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":2:13: byte 0x81"));
}

}  // namespace
}  // namespace retain::ingest
