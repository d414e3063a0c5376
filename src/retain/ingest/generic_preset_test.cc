#include "retain/ingest/generic_preset.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "retain/ingest/testing_sink.h"

namespace retain::ingest {
namespace {

using ::testing::HasSubstr;
using testing::ImportRun;
using testing::WriteFile;

TEST(GenericPresetTest, LoadsFilesInDependencyOrder) {
  const std::string returns = WriteFile("returns.csv",
                                        "return_id,order_id,returned_at,amount\n"
                                        "R1,O1,2024-02-01,5.00\n");
  const std::string lines = WriteFile("order_lines.csv",
                                      "order_id,sku,quantity,unit_price\n"
                                      "O1,A,2,\"2,50\"\n"
                                      "O1,B,1,10.00\n");
  const std::string orders = WriteFile("orders.csv",
                                       "Bestellnummer;Customer_ID;Datum;Total\n"
                                       "O1;K1;15.01.2024 10:00;15,00\n");
  const std::string customers = WriteFile("customers.csv",
                                          "customer_id,first_name,last_name,consent_email,vip\n"
                                          "K1,Anna,Müller,ja,gold\n");
  ImportRun run;
  auto s = run.Run("generic", {returns, lines, orders, customers});
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(run.sink.customers.size(), 1u);
  EXPECT_EQ(run.sink.customers[0].attributes.at("vip"), "gold");
  EXPECT_EQ(run.sink.customers[0].consents.email, model::ConsentState::kGranted);
  ASSERT_EQ(run.sink.orders.size(), 1u);
  EXPECT_EQ(run.sink.orders[0].total_minor, 1500);
  auto l = run.sink.LinesOf("O1");
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[1].line_no, 2);
  ASSERT_EQ(run.sink.returns.size(), 1u);
  EXPECT_EQ(run.sink.returns[0].customer_external_id, "K1");
}

TEST(GenericPresetTest, UnknownCustomerIsARowError) {
  const std::string orders = WriteFile("orders.csv",
                                       "order_id,customer_id,ordered_at,total\n"
                                       "O1,K9,2024-01-15,1.00\n");
  ImportRun run;
  auto s = run.Run("generic", {orders});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(orders + ":2:2 (customer_id): unknown customer 'K9'"));
  ImportRun skip(true);
  ASSERT_TRUE(skip.Run("generic", {orders}).ok());
  EXPECT_EQ(skip.reporter.rejected(), 1);
}

TEST(GenericPresetTest, MappingRenamesColumns) {
  const std::string customers = WriteFile("customers.csv", "Kdnr,Mail\nK1,a@b.de\n");
  ImportRun run;
  run.ctx.settings.column_renames = {{"Kdnr", "customer_id"}, {"Mail", "email"}};
  ASSERT_TRUE(run.Run("generic", {customers}).ok());
  ASSERT_EQ(run.sink.customers.size(), 1u);
  EXPECT_EQ(run.sink.customers[0].email, "a@b.de");
}

TEST(GenericPresetTest, KindsAndConsent) {
  EXPECT_EQ(GenericKindOf("x/order_lines_2024.csv.gz").value(), GenericKind::kOrderLines);
  EXPECT_EQ(GenericKindOf("Orders.CSV").value(), GenericKind::kOrders);
  EXPECT_FALSE(GenericKindOf("data.csv").has_value());
  model::ConsentState c;
  EXPECT_TRUE(ParseConsent("Nein", c));
  EXPECT_EQ(c, model::ConsentState::kDenied);
  EXPECT_FALSE(ParseConsent("maybe", c));
}

TEST(PresetTest, RegistryKnowsAllPresets) {
  for (const auto& info : Presets()) EXPECT_TRUE(MakePreset(info.name).has_value()) << info.name;
  EXPECT_EQ(Presets().size(), 4u);
  auto bad = MakePreset("magento");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message(), HasSubstr("cdnow"));
}

}  // namespace
}  // namespace retain::ingest
