#include "retain/ingest/cdnow_preset.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "retain/ingest/testing_sink.h"

namespace retain::ingest {
namespace {

using ::testing::HasSubstr;
using testing::ImportRun;
using testing::SharedDataPath;
using testing::WriteFile;

TEST(CdnowPresetTest, SampleFileTotals) {
  const std::string path = SharedDataPath("lifetimes/CDNOW_sample.txt");
  if (path.empty()) GTEST_SKIP() << "shared data not found: lifetimes/CDNOW_sample.txt";
  ImportRun run;
  ASSERT_TRUE(run.Run("cdnow", {path}).ok());
  EXPECT_EQ(run.sink.orders.size(), 6919u);
  EXPECT_EQ(run.sink.lines.size(), 6919u);
  EXPECT_EQ(run.sink.customers.size(), 2357u);
  EXPECT_EQ(run.sink.OrderTotal(), 24409194);
  EXPECT_EQ(run.reporter.rejected(), 0);
  const auto* c = run.sink.FindCustomer("00004");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->country, "US");
  const auto* o = run.sink.FindOrder("00004-19970101-1");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->total_minor, 2933);
  EXPECT_EQ(o->currency, "USD");
}

TEST(CdnowPresetTest, MasterFileTotalsAndSameIdsAsSample) {
  const std::string master = SharedDataPath("validation/CDNOW_master.txt");
  const std::string sample = SharedDataPath("lifetimes/CDNOW_sample.txt");
  if (master.empty() || sample.empty()) GTEST_SKIP() << "shared CDNOW data not found";
  ImportRun run;
  ASSERT_TRUE(run.Run("cdnow", {master}).ok());
  EXPECT_EQ(run.sink.orders.size(), 69659u);
  EXPECT_EQ(run.sink.customers.size(), 23570u);
  EXPECT_EQ(run.sink.OrderTotal(), 250031563);
  EXPECT_EQ(run.reporter.rejected(), 0);
  // The sample's rows are master rows under the same ids: nothing new.
  ASSERT_TRUE(run.Run("cdnow", {sample}).ok());
  EXPECT_EQ(run.sink.orders.size(), 69659u);
  EXPECT_EQ(run.sink.customers.size(), 23570u);
  EXPECT_EQ(run.sink.OrderTotal(), 250031563);
}

TEST(CdnowPresetTest, SampleFormatInline) {
  const std::string path = WriteFile("sample.txt",
                                     " 00004 0001 19970101  2   29.33\r\n"
                                     " 00004 0001 19970101  3   30.00\r\n"
                                     " 00004 0001 19970118  0    0.00\r\n"
                                     " 00021 0002 19970101  1   11.77\r\n");
  ImportRun run;
  ASSERT_TRUE(run.Run("cdnow", {path}).ok());
  ASSERT_EQ(run.sink.orders.size(), 4u);
  EXPECT_EQ(run.sink.customers.size(), 2u);
  const auto* o = run.sink.FindOrder("00004-19970101-2");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->customer_external_id, "00004");
  EXPECT_EQ(o->total_minor, 3000);
  EXPECT_EQ(core::FormatTimestamp(o->ordered_at), "1997-01-01T00:00:00");
  EXPECT_EQ(o->channel, model::Channel::kOnline);
  // Divisible: three CDs at 10.00.
  auto lines = run.sink.LinesOf("00004-19970101-2");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].quantity, 3);
  EXPECT_EQ(lines[0].unit_price_minor, 1000);
  EXPECT_EQ(lines[0].name, "CDs");
  EXPECT_EQ(lines[0].category, "Music");
  // Not divisible: one line for the purchase.
  lines = run.sink.LinesOf("00004-19970101-1");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].quantity, 1);
  EXPECT_EQ(lines[0].unit_price_minor, 2933);
  EXPECT_EQ(lines[0].name, "2 CDs");
  lines = run.sink.LinesOf("00004-19970118-1");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].name, "0 CDs");
  EXPECT_EQ(lines[0].unit_price_minor, 0);
}

TEST(CdnowPresetTest, MasterFormatInlineWithAndWithoutHeader) {
  const std::string with = WriteFile("master.txt",
                                     " customer_id  date number_of_cds  dollar_value\n"
                                     " 00001 19970101  1   11.77\n"
                                     " 00002 19970112  1   12.00\n"
                                     " 00002 19970112  5   77.00\n");
  const std::string without = WriteFile("master_noheader.txt", " 00003 19970102  2   20.76");
  ImportRun run;
  ASSERT_TRUE(run.Run("cdnow", {with, without}).ok());
  EXPECT_EQ(run.sink.orders.size(), 4u);
  EXPECT_EQ(run.sink.customers.size(), 3u);
  EXPECT_NE(run.sink.FindOrder("00002-19970112-2"), nullptr);
  EXPECT_EQ(run.sink.LinesOf("00002-19970112-2").at(0).quantity, 5);
  EXPECT_EQ(run.sink.LinesOf("00003-19970102-1").at(0).unit_price_minor, 1038);
  // Importing again changes nothing.
  ASSERT_TRUE(run.Run("cdnow", {with, without}).ok());
  EXPECT_EQ(run.sink.orders.size(), 4u);
}

TEST(CdnowPresetTest, HeaderOnlyImportsNothing) {
  const std::string path =
      WriteFile("header.txt", " customer_id  date number_of_cds  dollar_value\n");
  ImportRun run;
  ASSERT_TRUE(run.Run("cdnow", {path}).ok());
  EXPECT_TRUE(run.sink.orders.empty());
}

TEST(CdnowPresetTest, EmptyFileIsAnError) {
  const std::string path = WriteFile("empty.txt", "");
  ImportRun run;
  auto s = run.Run("cdnow", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("empty"));
}

TEST(CdnowPresetTest, UnknownFirstLineIsAnError) {
  const std::string path = WriteFile("odd.txt", " 00001 19970101\n");
  ImportRun run;
  auto s = run.Run("cdnow", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":1:1: not a CDNOW log"));
}

const char kBadSample[] =
    " 00001 0001 19970101  1   11.77\n"   // 1 good
    " 00002 0002 19971332  1   12.00\n"   // 2 bad date
    " 00003 0003 19970101  -1  12.00\n"   // 3 negative CDs
    " 00004 0004 19970101  1\n"           // 4 four fields in a sample file
    " 00005 0005 19970101  1   -3.00\n"   // 5 negative value
    " 00006 0006 19970101  1   1.234\n"   // 6 three decimals
    " 00007 0007 19970105  2   20.00\n";  // 7 good

TEST(CdnowPresetTest, BadRowsStopTheImportWithLocation) {
  const std::string path = WriteFile("bad.txt", kBadSample);
  ImportRun run;
  auto s = run.Run("cdnow", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":2:3 (date): '19971332' is not a date"));
}

TEST(CdnowPresetTest, SkipBadKeepsGoodRows) {
  const std::string path = WriteFile("bad.txt", kBadSample);
  const std::string rejects = (testing::TestDir() / "rejects.csv").string();
  RowReporter reporter(true, rejects);
  ImportContext ctx;
  ctx.reporter = &reporter;
  testing::TestingSink sink;
  ASSERT_TRUE(CdnowPreset().Import({path}, ctx, sink).ok());
  ASSERT_TRUE(reporter.Finish().ok());
  EXPECT_EQ(reporter.rejected(), 5);
  ASSERT_EQ(sink.orders.size(), 2u);
  EXPECT_NE(sink.FindOrder("00001-19970101-1"), nullptr);
  EXPECT_NE(sink.FindOrder("00007-19970105-1"), nullptr);
  EXPECT_EQ(sink.customers.size(), 2u);
  std::ifstream in(rejects);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr(",3,4,\"number_of_cds\","));
  EXPECT_THAT(text, HasSubstr(",4,5,\"dollar_value\",\"expected 5 fields, found 4\""));
  EXPECT_THAT(text, HasSubstr(",5,5,\"dollar_value\","));
  EXPECT_THAT(text, HasSubstr(",6,5,\"dollar_value\","));
}

TEST(CdnowPresetTest, WrongColumnCountInMasterFile) {
  const std::string path = WriteFile("master.txt",
                                     " customer_id  date number_of_cds  dollar_value\n"
                                     " 00001 19970101  1   11.77\n"
                                     " 00001 0001 19970101  1   11.77\n");
  ImportRun run;
  auto s = run.Run("cdnow", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":3:5: expected 4 fields, found 5"));
}

TEST(CdnowPresetTest, UndefinedWindows1252ByteIsAnError) {
  const std::string path = WriteFile("enc.txt",
                                     " 00001 0001 19970101  1   11.77\n"
                                     " 00002 0002 1997\x81"
                                     "101  1   11.77\n");
  ImportRun run(true);
  auto s = run.Run("cdnow", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":2:17: byte 0x81"));
}

}  // namespace
}  // namespace retain::ingest
