#include "retain/analytics/segment_rule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "retain/analytics/customer_table.h"

namespace retain::analytics {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr core::Day kToday = 20453;  // 2025-12-31

// Five customers:            0      1      2      3        4
//   orders                   1      2      5      0(none)  3
//   p_alive                  0.9    0.4    0.2    none     0.6
//   last_order (days ago)    10     100    400    none     30
//   country                  DE     AT     DE     ""       CH
//   city                     Berlin Wien   Bremen ""       Zürich
CustomerTable FiveCustomers() {
  CustomerTable t(5, kToday);
  t.AddNumber("orders", "orders", {1, 2, 5, 0, 3});
  t.AddNumber("p_alive", "P(alive)", {0.9, 0.4, 0.2, kNone, 0.6});
  t.AddNumber("last_order", "last order",
              {kToday - 10.0, kToday - 100.0, kToday - 400.0, kNone, kToday - 30.0},
              ValueType::kDate);
  const char* country[] = {"DE", "AT", "DE", "", "CH"};
  const char* city[] = {"Berlin", "Wien", "Bremen", "", "Zürich"};
  t.AddText("country", "country", [&](size_t c) { return country[c]; });
  t.AddText("city", "city", [&](size_t c) { return city[c]; });
  return t;
}

std::vector<uint32_t> Match(const std::string& rule) {
  const CustomerTable t = FiveCustomers();
  auto parsed = ParseRule(rule, t.fields());
  EXPECT_TRUE(parsed) << rule << ": " << (parsed ? "" : parsed.error().message());
  if (!parsed) return {99};
  return MatchCustomers(*parsed, t);
}

std::string Error(const std::string& rule) {
  auto parsed = ParseRule(rule, FiveCustomers().fields());
  EXPECT_FALSE(parsed) << rule;
  return parsed ? "" : parsed.error().message();
}

using V = std::vector<uint32_t>;

TEST(SegmentRule, EveryComparisonOperator) {
  EXPECT_EQ(Match("orders = 2"), V({1}));
  EXPECT_EQ(Match("orders == 2"), V({1}));
  EXPECT_EQ(Match("orders != 2"), V({0, 2, 3, 4}));
  EXPECT_EQ(Match("orders <> 2"), V({0, 2, 3, 4}));
  EXPECT_EQ(Match("orders < 2"), V({0, 3}));
  EXPECT_EQ(Match("orders <= 2"), V({0, 1, 3}));
  EXPECT_EQ(Match("orders > 2"), V({2, 4}));
  EXPECT_EQ(Match("orders >= 2"), V({1, 2, 4}));
  EXPECT_EQ(Match("2 <= orders"), V({1, 2, 4}));
  EXPECT_EQ(Match("orders >= 1.5 + 0.5"), V({1, 2, 4}));
  EXPECT_EQ(Match("orders > -1 - 0"), V({0, 1, 2, 3, 4}));
}

TEST(SegmentRule, MissingValuesNeverCompare) {
  EXPECT_EQ(Match("p_alive < 0.5"), V({1, 2}));
  EXPECT_EQ(Match("p_alive != 0.5"), V({0, 1, 2, 4}));
  EXPECT_EQ(Match("not p_alive < 0.5"), V({0, 3, 4}));
  EXPECT_EQ(Match("country != \"DE\""), V({1, 4}));
  EXPECT_EQ(Match("country not in (\"DE\")"), V({1, 4}));
  EXPECT_EQ(Match("p_alive in (0.2, 0.9)"), V({0, 2}));
  EXPECT_EQ(Match("p_alive not in (0.2, 0.9)"), V({1, 4}));
}

TEST(SegmentRule, PrecedenceNotBindsTighterThanAndThanOr) {
  // and before or: a or (b and c)
  EXPECT_EQ(Match("orders = 1 or orders >= 2 and p_alive > 0.5"), V({0, 4}));
  EXPECT_EQ(Match("(orders = 1 or orders >= 2) and p_alive > 0.5"), V({0, 4}));
  EXPECT_EQ(Match("(orders = 1 or orders >= 3) and p_alive < 0.5"), V({2}));
  // not before and
  EXPECT_EQ(Match("not orders = 1 and p_alive > 0.3"), V({1, 4}));
  EXPECT_EQ(Match("not (orders = 1 and p_alive > 0.3)"), V({1, 2, 3, 4}));
  EXPECT_EQ(Match("not not orders = 1"), V({0}));
  // + and - left to right, before comparisons
  EXPECT_EQ(Match("orders = 5 - 2 - 1"), V({1}));
  EXPECT_EQ(Match("NOT orders = 1 AND Country = 'DE'"), V({2}));
  EXPECT_EQ(Match("true"), V({0, 1, 2, 3, 4}));
  EXPECT_EQ(Match("false or orders = 0"), V({3}));
}

TEST(SegmentRule, ConditionsCompareWithEachOther) {
  // orders > 2:   F F T F T ; p_alive < 0.5: F T T F F
  EXPECT_EQ(Match("(orders > 2) = (p_alive < 0.5)"), V({0, 2, 3}));
  EXPECT_EQ(Match("(orders > 2) != (p_alive < 0.5)"), V({1, 4}));
}

TEST(SegmentRule, DatesAndDurations) {
  EXPECT_EQ(Match("last_order < today - 90d"), V({1, 2}));
  EXPECT_EQ(Match("last_order >= today - 1m"), V({0, 4}));  // 30 days
  EXPECT_EQ(Match("last_order > today - 2w"), V({0}));
  EXPECT_EQ(Match("last_order < today - 1y"), V({2}));
  EXPECT_EQ(Match("today - last_order > 50d"), V({1, 2}));
  EXPECT_EQ(Match("last_order + 30d >= today"), V({0, 4}));
  EXPECT_EQ(Match("last_order >= date(\"2025-12-01\")"), V({0, 4}));
  EXPECT_EQ(Match("last_order = date('2025-12-21')"), V({0}));
}

TEST(SegmentRule, Texts) {
  EXPECT_EQ(Match("country = \"DE\""), V({0, 2}));
  EXPECT_EQ(Match("\"DE\" = country"), V({0, 2}));
  EXPECT_EQ(Match("country in (\"AT\", \"CH\")"), V({1, 4}));
  EXPECT_EQ(Match("starts_with(city, \"B\")"), V({0, 2}));
  EXPECT_EQ(Match("contains(city, \"rich\")"), V({4}));
  EXPECT_EQ(Match("contains(city, \"\")"), V({0, 1, 2, 4}));  // no value: false
  EXPECT_EQ(Match("city = \"Zürich\""), V({4}));
  EXPECT_EQ(Match("city = 'Caf\\'e'"), V());
}

TEST(SegmentRule, ErrorsNameThePositionAndWhatWasExpected) {
  EXPECT_EQ(Error("orders >= "), "1:11: expected a number after '>=', but the rule ends");
  EXPECT_EQ(Error("country = \"DE\" and orders >= \"x\""),
            "1:30: expected a number after '>=', found a text");
  EXPECT_EQ(Error("orders >= 2 and"), "1:16: expected a condition after 'and', but the rule ends");
  EXPECT_EQ(Error("orders >= 2 or 3"), "1:16: expected a condition after 'or', found a number");
  EXPECT_EQ(Error("not orders"), "1:5: expected a condition after 'not', found a number");
  EXPECT_EQ(Error("orders and orders = 1"), "1:1: 'and' joins conditions, but this is a number");
  EXPECT_EQ(Error("orders"),
            "1:1: the rule must be a condition (for example orders >= 2), not a number");
  EXPECT_EQ(Error(""), "1:1: the rule is empty: write a condition such as orders >= 2");
  EXPECT_EQ(Error("contry = \"DE\""), "1:1: unknown field 'contry' (did you mean 'country'?)");
  EXPECT_EQ(Error("zzzzzz = 1"), "1:1: unknown field 'zzzzzz'");
  EXPECT_EQ(Error("orders >= 2 #"), "1:13: unexpected character '#'");
  EXPECT_EQ(Error("city = \"Berlin"), "1:8: the text is not closed: a \" is missing");
  EXPECT_EQ(Error("orders >= 2)"), "1:12: expected 'and', 'or' or the end of the rule, found ')'");
  EXPECT_EQ(Error("(orders >= 2"), "1:13: expected ')', but the rule ends");
  EXPECT_EQ(Error("orders >= 90x"),
            "1:11: '90x' is not a duration: write whole days, weeks, months or years like 90d, "
            "2w, 3m, 1y");
  EXPECT_EQ(Error("orders >= 1.2.3"), "1:11: '1.2.3' is not a number");
  EXPECT_EQ(Error("last_order < today - 90"),
            "1:22: expected a duration (like 90d) after '-', found a number");
  EXPECT_EQ(Error("last_order < 5"), "1:14: expected a date after '<', found a number");
  EXPECT_EQ(Error("country < \"DE\""),
            "1:9: texts compare only with '=' and '!=' (or in, starts_with, contains), not '<'");
  EXPECT_EQ(Error("country = 1"), "1:11: expected a text in quotes after '=', found a number");
  EXPECT_EQ(Error("country = city"), "1:11: expected a text in quotes after '=', found a text");
  EXPECT_EQ(Error("country in (\"DE\", 2)"),
            "1:19: expected a text in quotes after ',', found a number");
  EXPECT_EQ(Error("orders in ()"), "1:12: expected a number after '(', found ')'");
  EXPECT_EQ(Error("orders in 2"), "1:11: expected '(' and a list after 'in', found '2'");
  EXPECT_EQ(Error("orders not 2"), "1:12: expected 'in' after 'not', found '2'");
  EXPECT_EQ(Error("orders in (1 2)"), "1:14: expected ',' or ')', found '2'");
  EXPECT_EQ(Error("starts_with(orders, \"x\")"),
            "1:13: expected a text field as the first argument of starts_with");
  EXPECT_EQ(Error("contains(city)"), "1:1: contains takes 2 arguments: contains(field, \"text\")");
  EXPECT_EQ(Error("last_order > date(\"31.13.2025\")"),
            "1:19: '31.13.2025' is not a date; write \"2025-12-31\"");
  EXPECT_EQ(Error("bogus(1)"),
            "1:1: unknown function 'bogus' (functions: date, starts_with, contains, has_tag, "
            "attribute, birthday_within, bought_category, bought_sku, bought_within)");
  EXPECT_EQ(Error("bought_within(\"Schuhe\", 0d)"),
            "1:25: expected a duration like 30d after ',', found a duration");
  EXPECT_EQ(Error("bought_within(\"Schuhe\")"),
            "1:1: bought_within takes 2 arguments: bought_within(\"category\", 30d)");
  EXPECT_EQ(Error("bought_sku(12)"), "1:12: expected a text in quotes after '(', found a number");
  EXPECT_EQ(Error("orders >= 2 and\n  p_alive < \"x\""),
            "2:13: expected a number after '<', found a text");
  EXPECT_EQ(Error("city = \"Zürich\" and ü"), "1:21: unexpected character 'ü'");
  EXPECT_EQ(Error("orders = 1 = 2"),
            "1:12: expected 'and', 'or' or the end of the rule, found '='");
  EXPECT_EQ(Error(", 2"), "1:1: expected a value (a field, a number or a text), found ','");
}

TEST(SegmentRule, MoreErrorMessages) {
  // A parenthesised part is placed where its content starts.
  EXPECT_EQ(Error("(orders > 1) in (1, 2)"),
            "1:2: 'in' needs a value on its left, not a condition");
  EXPECT_EQ(Error("\"DE\" in (\"DE\")"), "1:1: 'in' needs a text field on its left");
  EXPECT_EQ(Error("\"DE\" < country"), "1:6: texts compare only with '=' and '!='");
  EXPECT_EQ(Error("\"DE\" = \"DE\""),
            "1:1: compare a text field with a text, for example country = \"DE\"");
  EXPECT_EQ(Error("(orders > 1) > (orders > 2)"),
            "1:2: '>' compares values; put the condition in parentheses or use 'and' / 'or'");
  EXPECT_EQ(Error("(orders > 1) + 1 > 2"), "1:2: '+' cannot apply to a condition");
  EXPECT_EQ(Error("orders + today > 1"), "1:10: expected a number after '+', found a date");
  EXPECT_EQ(Error("today - today > 1"), "1:17: expected a duration after '>', found a number");
  EXPECT_EQ(Error("today + today > today"),
            "1:9: expected a duration (like 90d) after '+', found a date");
  EXPECT_EQ(Error("last_order > date(2025)"),
            "1:19: expected a date in quotes like \"2025-12-31\" after 'date(', found a number");
  EXPECT_EQ(Error("has_tag(vip)"), "1:9: unknown field 'vip'");
  EXPECT_EQ(Error("has_tag(1)"), "1:9: expected a text in quotes after '(', found a number");
  EXPECT_EQ(Error("attribute(\"a\", \"b\") = \"c\""),
            "1:1: attribute takes 1 argument: attribute(\"text\")");
  EXPECT_EQ(Error("birthday_within(14)"),
            "1:17: expected a duration like 14d after '(', found a number");
  EXPECT_EQ(Error("contains(city, 1)"),
            "1:16: expected a text in quotes after ',', found a number");
  EXPECT_EQ(Error("contains(city,)"), "1:15: expected a value after ',', found ')'");
  EXPECT_EQ(Error("contains(city \"a\")"), "1:15: expected ',' or ')', found '\"a\"'");
  EXPECT_EQ(Error("orders > - x"), "1:12: expected a number after '-', found 'x'");
  EXPECT_EQ(Error("orders > 1 and ("), "1:17: expected a condition after '(', but the rule ends");
  EXPECT_EQ(Error("orders +"), "1:9: expected a value after '+', but the rule ends");
  EXPECT_EQ(Error("not"), "1:4: expected a condition after 'not', but the rule ends");
  EXPECT_EQ(Error("country in (\"DE\""), "1:17: expected ',' or ')', but the rule ends");
  EXPECT_EQ(Error("orders in (1, p_alive)"),
            "1:15: the list after 'in' takes fixed values, not fields or sums");
}

TEST(SegmentRule, DepthIsBoundedSoEvaluationCannotExhaustTheStack) {
  std::string chain = "orders > 1";
  for (int i = 0; i < 256; ++i) chain += " and orders > 1";
  EXPECT_EQ(Match(chain), V({1, 2, 4}));
  EXPECT_EQ(Error(chain + " and orders > 1"),
            "1:3852: the rule is too deep (more than 256 nested or chained parts); split it or "
            "use 'in (...)'");
  const std::string parens = std::string(300, '(') + "orders > 1" + std::string(300, ')');
  EXPECT_EQ(Error(parens),
            "1:257: the rule is too deep (more than 256 nested or chained parts); "
            "split it or use 'in (...)'");
  // Found by the fuzzer: nested calls once recursed without a bound.
  std::string calls;
  for (int i = 0; i < 2000; ++i) calls += "has_tag(";
  EXPECT_TRUE(Error(calls).starts_with("1:2049: the rule is too deep")) << Error(calls);
  std::string nots;
  for (int i = 0; i < 300; ++i) nots += "not ";
  EXPECT_TRUE(Error(nots + "orders > 1").starts_with("1:1025: the rule is too deep"));
}

// The block evaluator against a plain loop, on random data with gaps.
TEST(SegmentRule, MatchesADirectLoopOnRandomCustomers) {
  const size_t n = 100'000;  // several blocks and slices
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> orders(0, 8), days(0, 800), pick(0, 3);
  std::vector<double> order_count(n), alive(n), last(n);
  std::vector<std::string> country(n);
  const char* countries[] = {"DE", "AT", "", "CH"};
  for (size_t c = 0; c < n; ++c) {
    order_count[c] = orders(rng);
    alive[c] = pick(rng) == 0 ? kNone : days(rng) / 800.0;
    last[c] = order_count[c] == 0 ? kNone : kToday - days(rng);
    country[c] = countries[pick(rng)];
  }
  CustomerTable t(n, kToday);
  t.AddNumber("orders", "", order_count);
  t.AddNumber("p_alive", "", alive);
  t.AddNumber("last_order", "", last, ValueType::kDate);
  t.AddText("country", "", [&](size_t c) { return country[c]; });
  auto rule = ParseRule(
      "country in ('DE', 'AT') and orders >= 2 and last_order < today - 90d and "
      "(p_alive < 0.5 or not p_alive >= 0.2) and not country = 'AT' or orders = 8",
      t.fields());
  ASSERT_TRUE(rule) << rule.error().message();
  V want;
  for (size_t c = 0; c < n; ++c) {
    const bool in = country[c] == "DE" || country[c] == "AT";
    const bool recent = !std::isnan(last[c]) && last[c] < kToday - 90;
    const bool low = !std::isnan(alive[c]) && alive[c] < 0.5;
    const bool high = !std::isnan(alive[c]) && alive[c] >= 0.2;
    if ((in && order_count[c] >= 2 && recent && (low || !high) && country[c] != "AT") ||
        order_count[c] == 8) {
      want.push_back(static_cast<uint32_t>(c));
    }
  }
  EXPECT_EQ(MatchCustomers(*rule, t), want);
  EXPECT_GT(want.size(), 1000u);
}

}  // namespace
}  // namespace retain::analytics
