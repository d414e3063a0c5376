#include "retain/ingest/shopify_preset.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "retain/ingest/testing_sink.h"

namespace retain::ingest {
namespace {

using ::testing::HasSubstr;
using testing::ImportRun;
using testing::SourcePath;
using testing::WriteFile;

TEST(ShopifyPresetTest, Fixture) {
  ImportRun run;
  auto s = run.Run("shopify", {SourcePath("tests/data/ingest/shopify_orders_export.csv")});
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(run.reporter.rejected(), 0);
  EXPECT_EQ(run.sink.orders.size(), 6u);
  EXPECT_EQ(run.sink.lines.size(), 10u);
  EXPECT_EQ(run.sink.customers.size(), 5u);
  EXPECT_EQ(run.sink.returns.size(), 2u);

  const auto* anna = run.sink.FindCustomer("anna.mueller@example.de");
  ASSERT_NE(anna, nullptr);
  EXPECT_EQ(anna->first_name, "Anna");
  EXPECT_EQ(anna->last_name, "Müller");
  EXPECT_EQ(anna->email, "anna.mueller@example.de");
  EXPECT_EQ(anna->street, "Königstraße 12");
  EXPECT_EQ(anna->postal_code, "70173");
  EXPECT_EQ(anna->city, "Stuttgart");
  EXPECT_EQ(anna->country, "DE");
  EXPECT_EQ(anna->phone, "+49 711 123456");
  EXPECT_EQ(anna->consents.email, model::ConsentState::kGranted);
  EXPECT_EQ(anna->kind, model::CustomerKind::kB2C);

  // Mixed-case email is the same customer id in lower case; a company is B2B.
  const auto* weiss = run.sink.FindCustomer("juergen.weiss@example.com");
  ASSERT_NE(weiss, nullptr);
  EXPECT_EQ(weiss->kind, model::CustomerKind::kB2B);
  EXPECT_EQ(weiss->company, "Weiß & Söhne GmbH");
  EXPECT_EQ(weiss->consents.email, model::ConsentState::kDenied);
  EXPECT_EQ(run.sink.FindCustomer("zoe.schaefer@example.at")->country, "AT");

  // No email: the billing phone names the customer.
  const auto* klaus = run.sink.FindCustomer("shopify-+49351447120");
  ASSERT_NE(klaus, nullptr);
  EXPECT_EQ(klaus->street, "Hauptstraße 5, Hinterhaus");
  EXPECT_EQ(klaus->postal_code, "01067");

  const auto* o = run.sink.FindOrder("#1001");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->customer_external_id, "anna.mueller@example.de");
  EXPECT_EQ(o->total_minor, 6470);
  EXPECT_EQ(o->currency, "EUR");
  EXPECT_EQ(o->status, "paid");
  EXPECT_EQ(o->channel, model::Channel::kOnline);
  EXPECT_EQ(core::FormatTimestamp(o->ordered_at), "2024-01-15T10:23:45+01:00");
  auto lines = run.sink.LinesOf("#1001");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].name, "Bio-Kaffee \"Hochland\", 500 g");
  EXPECT_EQ(lines[0].sku, "KAF-500");
  EXPECT_EQ(lines[0].quantity, 2);
  EXPECT_EQ(lines[0].unit_price_minor, 1495);
  EXPECT_EQ(lines[1].line_no, 2);
  EXPECT_EQ(lines[1].unit_price_minor, 2990);

  lines = run.sink.LinesOf("#1002");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].quantity, 10);
  EXPECT_EQ(lines[0].discount_minor, 500);
  EXPECT_EQ(run.sink.FindOrder("#1002")->total_minor, 12470);

  const auto* pos = run.sink.FindOrder("#1003");
  ASSERT_NE(pos, nullptr);
  EXPECT_EQ(pos->channel, model::Channel::kStore);
  EXPECT_EQ(pos->store_id, "Filiale München");
  EXPECT_EQ(run.sink.LinesOf("#1003").size(), 3u);

  const auto* refund = run.sink.FindReturn("#1004-refund");
  ASSERT_NE(refund, nullptr);
  EXPECT_EQ(refund->order_external_id, "#1004");
  EXPECT_EQ(refund->customer_external_id, "anna.mueller@example.de");
  EXPECT_EQ(refund->amount_minor, 1995);
  EXPECT_EQ(core::FormatTimestamp(refund->returned_at), "2024-01-22T08:14:31+01:00");
  const auto* cancelled = run.sink.FindReturn("#1006-refund");
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ(cancelled->amount_minor, 4480);
  EXPECT_EQ(core::FormatTimestamp(cancelled->returned_at), "2024-02-03T09:00:00+01:00");

  // Re-import is idempotent.
  ASSERT_TRUE(run.Run("shopify", {SourcePath("tests/data/ingest/shopify_orders_export.csv")}).ok());
  EXPECT_EQ(run.sink.orders.size(), 6u);
  EXPECT_EQ(run.sink.lines.size(), 10u);
}

const char kMiniHeader[] =
    "name,EMAIL,Created At,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,"
    "Billing Phone,Refunded Amount\n";

TEST(ShopifyPresetTest, SemicolonFileUsesDecimalComma) {
  const std::string path = WriteFile("orders_export.csv",
                                     "Name;Email;Created at;Currency;Total;Lineitem quantity;"
                                     "Lineitem name;Lineitem price\n"
                                     "#1;a@example.de;2024-01-15 10:23:45 +0100;EUR;1.234,50;1;"
                                     "Kaffeemaschine;1.234,50\n");
  ImportRun run;
  ASSERT_TRUE(run.Run("shopify", {path}).ok());
  ASSERT_EQ(run.sink.orders.size(), 1u);
  EXPECT_EQ(run.sink.orders[0].total_minor, 123450);
}

TEST(ShopifyPresetTest, Windows1252Export) {
  const std::string path = WriteFile("orders_export.csv",
                                     "Name,Email,Created at,Currency,Total,Lineitem quantity,"
                                     "Lineitem name,Lineitem price,Billing Name\n"
                                     "#1,a@example.de,2024-01-15,EUR,9.90,1,Tasse,9.90,"
                                     "Erika M\xFCller\n");
  ImportRun run;
  ASSERT_TRUE(run.Run("shopify", {path}).ok());
  ASSERT_EQ(run.sink.customers.size(), 1u);
  EXPECT_EQ(run.sink.customers[0].last_name, "Müller");
}

const std::string kBad = std::string(kMiniHeader) +
                         "#1,a@example.de,2024-13-01,EUR,10.00,1,A,10.00,,\n"   // 2 bad date
                         "#1,a@example.de,,,,1,B,5.00,,\n"                      // 3 of a bad order
                         "#2,b@example.de,2024-01-02,EUR,10.00,-1,A,10.00,,\n"  // 4 quantity
                         "#3,c@example.de,2024-01-03,EUR,10.00,1,A,10.00,,\n"   // 5 good
                         "#3,c@example.de,,,,2,B\n"                             // 6 too few
                         "#4,,2024-01-04,EUR,10.00,1,A,10.00,,\n"               // 7 no customer
                         "#5,e@example.de,2024-01-05,EUR,10.00,1,A,10.00,,3.00\n"  // 8 good
                         "#3,c@example.de,,,,1,C,1.00,,\n";                        // 9 again

TEST(ShopifyPresetTest, BadDateStopsTheImport) {
  const std::string path = WriteFile("orders_export.csv", kBad);
  ImportRun run;
  auto s = run.Run("shopify", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":2:3 (Created at): '2024-13-01' is not a date"));
}

TEST(ShopifyPresetTest, SkipBadKeepsGoodOrders) {
  const std::string path = WriteFile("orders_export.csv", kBad);
  const std::string rejects = (testing::TestDir() / "rejects.csv").string();
  RowReporter reporter(true, rejects);
  ImportContext ctx;
  ctx.reporter = &reporter;
  testing::TestingSink sink;
  auto s = ShopifyPreset().Import({path}, ctx, sink);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(reporter.Finish().ok());
  EXPECT_EQ(reporter.rejected(), 6);
  ASSERT_EQ(sink.orders.size(), 2u);
  EXPECT_EQ(sink.LinesOf("#3").size(), 1u);
  EXPECT_NE(sink.FindOrder("#5"), nullptr);
  ASSERT_NE(sink.FindReturn("#5-refund"), nullptr);
  EXPECT_EQ(sink.FindReturn("#5-refund")->amount_minor, 300);
  std::ifstream in(rejects);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr(",3,1,\"Name\",\"the first row of order #1 (line 2) was rejected\""));
  EXPECT_THAT(text, HasSubstr(",4,6,\"Lineitem quantity\","));
  EXPECT_THAT(text, HasSubstr(",6,8,\"\",\"expected 10 fields, found 7\""));
  EXPECT_THAT(text, HasSubstr(",7,2,\"Email\",\"order #4 has no Email and no Billing Phone"));
  EXPECT_THAT(text, HasSubstr(",9,1,\"Name\",\"order #3 already appeared at line 5"));
}

TEST(ShopifyPresetTest, MissingColumnEmptyAndHeaderOnly) {
  ImportRun run;
  auto s = run.Run("shopify", {WriteFile("a.csv", "Name,Email,Total\n#1,a@b.de,1.00\n")});
  EXPECT_THAT(s.message(), HasSubstr(":1:1: the header has no column 'Currency'"));
  s = run.Run("shopify", {WriteFile("b.csv", "")});
  EXPECT_THAT(s.message(), HasSubstr("empty"));
  EXPECT_TRUE(run.Run("shopify", {WriteFile("c.csv", kMiniHeader)}).ok());
  EXPECT_TRUE(run.sink.orders.empty());
}

TEST(ShopifyPresetTest, UndefinedByteIsAnError) {
  const std::string path = WriteFile(
      "d.csv", std::string(kMiniHeader) + "#1,a@example.de,2024-01-01,EUR,1.00,1,\x8D,1.00,,\n");
  ImportRun run;
  auto s = run.Run("shopify", {path});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path + ":2:39: byte 0x8D"));
}

}  // namespace
}  // namespace retain::ingest
