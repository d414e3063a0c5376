#include "retain/analytics/customer_figures.h"

#include <gtest/gtest.h>

namespace retain::analytics {
namespace {

using V = std::vector<uint32_t>;

// Four customers with profiles; today is 2025-03-10.
//   A: DE Berlin 10115, born 1990-03-15 (34, birthday in 5 days), tags vip, newsletter,
//      attribute size=42, b2c, email granted; orders on 2025-01-01 and 2025-03-01.
//   B: AT Wien 1010, born 1990-03-05 (35, birthday passed), tag newsletter, size=40, b2b,
//      email denied; one order 2024-06-01, returned half.
//   C: no profile, no orders.
//   D: DE München 80331, born 2000-02-29 (25), no tags; one order 2025-03-10.
struct Fixture {
  Snapshot s;
  CustomerTable table{0, 0};
  Fixture() {
    SnapshotBuilder b;
    model::Customer a;
    a.external_id = "A";
    a.country = "DE";
    a.city = "Berlin";
    a.postal_code = "10115";
    a.birth_date = core::DayFromCivil(1990, 3, 15);
    a.tags = {"vip", "newsletter"};
    a.attributes = {{"size", "42"}};
    a.consents.email = model::ConsentState::kGranted;
    model::Customer bb = a;
    bb.external_id = "B";
    bb.country = "AT";
    bb.city = "Wien";
    bb.postal_code = "1010";
    bb.birth_date = core::DayFromCivil(1990, 3, 5);
    bb.tags = {"newsletter"};
    bb.attributes = {{"size", "40"}};
    bb.kind = model::CustomerKind::kB2B;
    bb.consents.email = model::ConsentState::kDenied;
    model::Customer d;
    d.external_id = "D";
    d.country = "DE";
    d.city = "München";
    d.postal_code = "80331";
    d.birth_date = core::DayFromCivil(2000, 2, 29);
    b.AddCustomer(1, a);
    b.AddCustomer(2, bb);
    b.AddCustomer(3, "C");
    b.AddCustomer(4, d);
    b.AddOrder(1, core::DayFromCivil(2025, 1, 1), 10000, 0);
    b.AddOrder(1, core::DayFromCivil(2025, 3, 1), 5000, 1);
    b.AddOrder(2, core::DayFromCivil(2024, 6, 1), 8000, 0);
    b.AddOrder(4, core::DayFromCivil(2025, 3, 10), 2000, 0);
    b.AddReturn(2, core::DayFromCivil(2024, 6, 20), 4000, "S-1");
    // Lines arrive by order, not by customer.
    b.AddLine(2, 30, core::DayFromCivil(2024, 6, 1), "S-1", "Schuhe", 1);
    b.AddLine(1, 10, core::DayFromCivil(2025, 1, 1), "S-2", "Schuhe", 1);
    b.AddLine(1, 10, core::DayFromCivil(2025, 1, 1), "T-1", "Taschen", 2);
    b.AddLine(4, 40, core::DayFromCivil(2025, 3, 10), "T-1", "Taschen", 1);
    b.AddLine(1, 20, core::DayFromCivil(2025, 3, 1), "B-1", "", 1);
    b.AddLine(99, 50, core::DayFromCivil(2025, 3, 1), "X", "Y", 1);  // unknown customer
    s = b.Finish();
    table = BuildCustomerTable(s, core::DayFromCivil(2025, 3, 10), DefaultSegmentMap());
  }
  V Match(const std::string& rule) const {
    auto parsed = ParseRule(rule, table.fields());
    EXPECT_TRUE(parsed) << rule << ": " << (parsed ? "" : parsed.error().message());
    return parsed ? MatchCustomers(*parsed, table, &s) : V{99};
  }
};

TEST(CustomerFigures, ProfileFieldsTagsAttributesAndBirthdays) {
  const Fixture f;
  EXPECT_EQ(f.Match("country = \"DE\""), V({0, 3}));
  EXPECT_EQ(f.Match("starts_with(postal_code, \"1\")"), V({0, 1}));
  EXPECT_EQ(f.Match("city in (\"Wien\", \"München\")"), V({1, 3}));
  EXPECT_EQ(f.Match("customer_type = \"b2b\""), V({1}));
  EXPECT_EQ(f.Match("consent_email = \"granted\""), V({0}));
  EXPECT_EQ(f.Match("consent_email != \"granted\""), V({1}));  // unknown is no value
  EXPECT_EQ(f.Match("has_tag(\"newsletter\")"), V({0, 1}));
  EXPECT_EQ(f.Match("has_tag(\"vip\") or has_tag(\"nobody\")"), V({0}));
  EXPECT_EQ(f.Match("attribute(\"size\") = \"42\""), V({0}));
  EXPECT_EQ(f.Match("attribute(\"size\") in (\"40\", \"42\")"), V({0, 1}));
  EXPECT_EQ(f.Match("not attribute(\"colour\") = \"red\""), V({0, 1, 2, 3}));
  EXPECT_EQ(f.Match("age >= 30"), V({0, 1}));
  EXPECT_EQ(f.Match("age = 34"), V({0}));
  EXPECT_EQ(f.Match("age = 25"), V({3}));
  EXPECT_EQ(f.Match("birthday_within(5d)"), V({0}));
  EXPECT_EQ(f.Match("birthday_within(4d)"), V());
  // Found by the fuzzer: a duration beyond int once overflowed.
  EXPECT_EQ(f.Match("birthday_within(99999999999999999999999d)"), V({0, 1, 3}));
  // 29 February: in 2026 (not a leap year) on the 28th, 355 days on.
  EXPECT_EQ(f.Match("birthday_within(355d) and not birthday_within(354d)"), V({3}));
}

TEST(CustomerFigures, LinesAreGroupedByCustomerDayAndOrder) {
  const Fixture f;
  const Snapshot& s = f.s;
  ASSERT_EQ(s.item_offsets, std::vector<int64_t>({0, 3, 4, 4, 5}));
  EXPECT_EQ(s.products[s.item_product[0]], "S-2");
  EXPECT_EQ(s.products[s.item_product[2]], "B-1");
  EXPECT_EQ(s.item_basket[0], s.item_basket[1]);  // one order
  EXPECT_NE(s.item_basket[1], s.item_basket[2]);
  EXPECT_EQ(s.item_quantity[1], 2);
  EXPECT_EQ(s.categories[s.item_category[2]], "");
  EXPECT_EQ(s.products[s.return_product[0]], "S-1");
}

TEST(CustomerFigures, PurchasePredicates) {
  const Fixture f;
  EXPECT_EQ(f.Match("bought_category(\"Schuhe\")"), V({0, 1}));
  EXPECT_EQ(f.Match("bought_category(\"schuhe\")"), V());  // names are exact
  EXPECT_EQ(f.Match("bought_sku(\"T-1\")"), V({0, 3}));
  EXPECT_EQ(f.Match("bought_within(\"Taschen\", 1d)"), V({3}));      // today only
  EXPECT_EQ(f.Match("bought_within(\"Taschen\", 69d)"), V({0, 3}));  // 2025-01-01 is 69th day
  EXPECT_EQ(f.Match("bought_within(\"Taschen\", 68d)"), V({3}));
  EXPECT_EQ(f.Match("bought_category(\"Y\") or bought_sku(\"nothing\")"), V());
}

TEST(CustomerFigures, OrderFiguresAsOfToday) {
  const Fixture f;
  EXPECT_EQ(f.Match("orders = 2 and revenue = 150 and average_order_value = 75"), V({0}));
  EXPECT_EQ(f.Match("orders = 0"), V({2}));
  EXPECT_EQ(f.Match("last_order = today"), V({3}));
  EXPECT_EQ(f.Match("first_order < date(\"2025-01-01\")"), V({1}));
  EXPECT_EQ(f.Match("days_since_last_order > 200"), V({1}));
  EXPECT_EQ(f.Match("return_rate = 0.5 and returns = 1 and returned = 40"), V({1}));
  EXPECT_EQ(f.Match("return_rate = 0"), V({0, 3}));
  EXPECT_EQ(f.Match("lifecycle = \"new\""), V({3}));
}

}  // namespace
}  // namespace retain::analytics
