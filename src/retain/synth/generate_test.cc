#include "retain/synth/generate.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "retain/core/money.h"
#include "retain/synth/berlin_time.h"

namespace retain::synth {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"customers.csv", "products.csv", "orders.csv", "order_lines.csv",
                                  "returns.csv"};

std::string TempDir(const std::string& name) {
  const fs::path dir = fs::path("/tmp") / ("retain_synth_test_" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  return dir.string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A CSV table: the header's column names and the data rows.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  size_t Col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

// Parses RFC 4180 CSV (quoted fields with doubled quotes, LF line ends).
Table ParseCsv(const std::string& text) {
  Table t;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, first = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      if (first) {
        t.header = std::move(row);
        first = false;
      } else {
        t.rows.push_back(std::move(row));
      }
      row.clear();
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(row.empty() && field.empty()) << "file does not end with a newline";
  return t;
}

int64_t Money(const std::string& text) {
  auto v = core::ParseMoney(text, {});
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(0);
}

bool IsAmount(const std::string& s) {
  const size_t dot = s.find('.');
  if (dot == std::string::npos || dot == 0 || s.size() - dot != 3) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

class GeneratedShop : public ::testing::Test {
 protected:
  static constexpr int64_t kCustomers = 6000;

  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("shop"));
    GenOptions o;
    o.customers = kCustomers;
    o.seed = 7;
    auto stats = GenerateShop(o, *dir_);
    ASSERT_TRUE(stats.has_value()) << stats.error().message();
    stats_ = new GenStats(*stats);
    tables_ = new std::map<std::string, Table>;
    for (const char* f : kFiles) (*tables_)[f] = ParseCsv(ReadFile(*dir_ + "/" + f));
  }
  static void TearDownTestSuite() {
    fs::remove_all(fs::path(*dir_).parent_path());
    delete dir_;
    delete stats_;
    delete tables_;
  }
  static const Table& T(const std::string& name) { return tables_->at(name); }

  static std::string* dir_;
  static GenStats* stats_;
  static std::map<std::string, Table>* tables_;
};
std::string* GeneratedShop::dir_ = nullptr;
GenStats* GeneratedShop::stats_ = nullptr;
std::map<std::string, Table>* GeneratedShop::tables_ = nullptr;

TEST_F(GeneratedShop, HeadersAreTheGenericFormat) {
  using V = std::vector<std::string>;
  EXPECT_EQ(T("customers.csv").header,
            (V{"customer_id",   "first_name",  "last_name",     "email",          "phone",
               "street",        "postal_code", "city",          "country",        "birth_date",
               "gender",        "language",    "type",          "company",        "tags",
               "consent_email", "consent_sms", "consent_phone", "consent_letter", "referral_source",
               "created_at"}));
  EXPECT_EQ(T("products.csv").header, (V{"sku", "name", "category", "brand", "price"}));
  EXPECT_EQ(T("orders.csv").header, (V{"order_id", "customer_id", "ordered_at", "channel",
                                       "store_id", "currency", "total", "status"}));
  EXPECT_EQ(T("order_lines.csv").header,
            (V{"order_id", "line_no", "sku", "name", "category", "brand", "size", "quantity",
               "unit_price", "discount"}));
  EXPECT_EQ(T("returns.csv").header, (V{"return_id", "order_id", "customer_id", "returned_at",
                                        "amount", "sku", "quantity", "reason"}));
  for (const char* f : kFiles) {
    for (const auto& row : T(f).rows) ASSERT_EQ(row.size(), T(f).header.size()) << f;
  }
}

TEST_F(GeneratedShop, StatsMatchTheFiles) {
  EXPECT_EQ(stats_->customers, kCustomers);
  EXPECT_EQ(stats_->customers, static_cast<int64_t>(T("customers.csv").rows.size()));
  EXPECT_EQ(stats_->products, static_cast<int64_t>(T("products.csv").rows.size()));
  EXPECT_EQ(stats_->orders, static_cast<int64_t>(T("orders.csv").rows.size()));
  EXPECT_EQ(stats_->order_lines, static_cast<int64_t>(T("order_lines.csv").rows.size()));
  EXPECT_EQ(stats_->returns, static_cast<int64_t>(T("returns.csv").rows.size()));
  EXPECT_GE(stats_->products, 200);
}

TEST_F(GeneratedShop, OrderTotalsEqualTheirLines) {
  const Table& lines = T("order_lines.csv");
  std::map<std::string, int64_t> sums;
  std::map<std::string, int> last_line_no;
  std::string previous_order;
  std::set<std::string> finished;
  for (const auto& r : lines.rows) {
    const std::string& id = r[lines.Col("order_id")];
    if (id != previous_order) {
      ASSERT_TRUE(finished.insert(id).second) << "lines of " << id << " are not together";
      previous_order = id;
    }
    const int qty = std::stoi(r[lines.Col("quantity")]);
    ASSERT_GE(qty, 1);
    ASSERT_TRUE(IsAmount(r[lines.Col("unit_price")])) << r[lines.Col("unit_price")];
    ASSERT_TRUE(IsAmount(r[lines.Col("discount")]));
    const int64_t value = qty * Money(r[lines.Col("unit_price")]) - Money(r[lines.Col("discount")]);
    ASSERT_GT(value, 0);
    sums[id] += value;
    ASSERT_EQ(std::stoi(r[lines.Col("line_no")]), ++last_line_no[id]);
  }
  const Table& orders = T("orders.csv");
  for (const auto& r : orders.rows) {
    const std::string& id = r[orders.Col("order_id")];
    ASSERT_TRUE(IsAmount(r[orders.Col("total")]));
    ASSERT_EQ(Money(r[orders.Col("total")]), sums[id]) << id;
    EXPECT_EQ(r[orders.Col("currency")], "EUR");
    EXPECT_EQ(r[orders.Col("status")], "completed");
  }
  EXPECT_EQ(sums.size(), orders.rows.size());
}

TEST_F(GeneratedShop, ReferencesResolve) {
  const Table& customers = T("customers.csv");
  std::map<std::string, core::Day> created;
  for (const auto& r : customers.rows) {
    ASSERT_TRUE(created.emplace(r[0], *core::ParseDate(r[customers.Col("created_at")])).second);
  }
  const Table& orders = T("orders.csv");
  std::map<std::string, std::pair<std::string, core::Day>> order_info;
  const core::Day end = GenOptions().end, start = HistoryStart(GenOptions());
  std::set<std::string> customers_with_orders;
  for (const auto& r : orders.rows) {
    const std::string& customer = r[orders.Col("customer_id")];
    ASSERT_TRUE(created.contains(customer)) << customer;
    const auto ts = core::ParseTimestamp(r[orders.Col("ordered_at")]);
    ASSERT_TRUE(ts.has_value());
    ASSERT_GE(ts->day, start);
    ASSERT_LE(ts->day, end);
    ASSERT_LE(created[customer], ts->day) << customer;
    ASSERT_TRUE(order_info.emplace(r[0], std::pair{customer, ts->day}).second);
    customers_with_orders.insert(customer);
  }
  EXPECT_EQ(customers_with_orders.size(), created.size());  // everyone bought once at least

  const Table& lines = T("order_lines.csv");
  std::set<std::string> products;
  for (const auto& r : T("products.csv").rows) ASSERT_TRUE(products.insert(r[0]).second);
  std::map<std::string, std::map<std::string, std::pair<int, int64_t>>> order_skus;
  for (const auto& r : lines.rows) {
    ASSERT_TRUE(order_info.contains(r[0]));
    ASSERT_TRUE(products.contains(r[lines.Col("sku")]));
    const int qty = std::stoi(r[lines.Col("quantity")]);
    order_skus[r[0]][r[lines.Col("sku")]] = {
        qty, qty * Money(r[lines.Col("unit_price")]) - Money(r[lines.Col("discount")])};
  }

  const Table& returns = T("returns.csv");
  std::set<std::string> return_ids;
  for (const auto& r : returns.rows) {
    ASSERT_TRUE(return_ids.insert(r[0]).second);
    const std::string& order = r[returns.Col("order_id")];
    ASSERT_TRUE(order_info.contains(order)) << order;
    EXPECT_EQ(r[returns.Col("customer_id")], order_info[order].first);
    const auto ts = core::ParseTimestamp(r[returns.Col("returned_at")]);
    ASSERT_TRUE(ts.has_value());
    ASSERT_GE(ts->day, order_info[order].second);
    ASSERT_LE(ts->day, end);
    const auto& line = order_skus[order][r[returns.Col("sku")]];
    ASSERT_GT(line.first, 0) << "returned sku not in the order";
    EXPECT_EQ(std::stoi(r[returns.Col("quantity")]), line.first);
    EXPECT_EQ(Money(r[returns.Col("amount")]), line.second);
    EXPECT_FALSE(r[returns.Col("reason")].empty());
  }
}

TEST_F(GeneratedShop, AveragesAreRealistic) {
  const double customers = static_cast<double>(stats_->customers);
  const double orders_per_customer = stats_->orders / customers;
  const double lines_per_customer = stats_->order_lines / customers;
  const double lines_per_order = static_cast<double>(stats_->order_lines) / stats_->orders;
  EXPECT_GT(orders_per_customer, 3.0);
  EXPECT_LT(orders_per_customer, 5.5);
  EXPECT_GT(lines_per_customer, 8.0);
  EXPECT_LT(lines_per_customer, 12.5);
  EXPECT_GT(lines_per_order, 2.0);
  EXPECT_LT(lines_per_order, 3.2);

  const Table& orders = T("orders.csv");
  int64_t online = 0, total_minor = 0;
  for (const auto& r : orders.rows) {
    online += r[orders.Col("channel")] == "online";
    total_minor += Money(r[orders.Col("total")]);
  }
  const double online_share = static_cast<double>(online) / orders.rows.size();
  EXPECT_GT(online_share, 0.6);
  EXPECT_LT(online_share, 0.8);
  const double average_order_eur = total_minor / 100.0 / orders.rows.size();
  EXPECT_GT(average_order_eur, 50);
  EXPECT_LT(average_order_eur, 200);
  const double return_share = static_cast<double>(stats_->returns) / online;
  EXPECT_GT(return_share, 0.07);
  EXPECT_LT(return_share, 0.15);
}

TEST_F(GeneratedShop, ChannelsAndStores) {
  const Table& orders = T("orders.csv");
  std::set<std::string> stores;
  for (const auto& r : orders.rows) {
    const std::string& channel = r[orders.Col("channel")];
    const std::string& store = r[orders.Col("store_id")];
    if (channel == "online") {
      EXPECT_TRUE(store.empty());
    } else {
      ASSERT_EQ(channel, "store");
      ASSERT_FALSE(store.empty());
      stores.insert(store);
      const auto ts = core::ParseTimestamp(r[orders.Col("ordered_at")]);
      EXPECT_NE((ts->day + 4) % 7, 0) << "store order on a Sunday: " << r[0];
      EXPECT_GE(ts->seconds, 10 * 3600);
      EXPECT_LT(ts->seconds, 20 * 3600);
    }
  }
  EXPECT_GE(stores.size(), 5u);
  EXPECT_LE(stores.size(), 8u);
}

TEST_F(GeneratedShop, TimestampsCarryTheBerlinOffset) {
  bool saw_summer = false, saw_winter = false;
  auto check = [&](const std::string& text) {
    ASSERT_EQ(text.size(), 25u) << text;  // 2024-03-01T14:05:00+01:00
    const auto ts = core::ParseTimestamp(text);
    ASSERT_TRUE(ts.has_value()) << text;
    ASSERT_TRUE(ts->utc_offset_minutes.has_value());
    EXPECT_EQ(*ts->utc_offset_minutes, BerlinOffsetMinutes(ts->day, ts->seconds)) << text;
    const core::CivilDate c = core::CivilFromDay(ts->day);
    if (c.month == 7) {
      EXPECT_EQ(text.substr(19), "+02:00") << text;
      saw_summer = true;
    }
    if (c.month == 1) {
      EXPECT_EQ(text.substr(19), "+01:00") << text;
      saw_winter = true;
    }
  };
  for (const auto& r : T("orders.csv").rows) check(r[2]);
  for (const auto& r : T("returns.csv").rows) check(r[3]);
  EXPECT_TRUE(saw_summer);
  EXPECT_TRUE(saw_winter);
}

TEST_F(GeneratedShop, CustomersLookGerman) {
  const Table& t = T("customers.csv");
  int b2b = 0, email_granted = 0, with_umlaut = 0, english = 0;
  std::set<std::string> cities;
  for (const auto& r : t.rows) {
    const std::string& zip = r[t.Col("postal_code")];
    ASSERT_EQ(zip.size(), 5u) << zip;
    for (char c : zip) ASSERT_TRUE(c >= '0' && c <= '9') << zip;
    cities.insert(r[t.Col("city")]);
    EXPECT_EQ(r[t.Col("country")], "DE");
    const std::string& gender = r[t.Col("gender")];
    EXPECT_TRUE(gender == "f" || gender == "m" || gender == "d") << gender;
    const std::string& type = r[t.Col("type")];
    ASSERT_TRUE(type == "b2c" || type == "b2b") << type;
    if (type == "b2b") {
      ++b2b;
      EXPECT_FALSE(r[t.Col("company")].empty());
    }
    const std::string& email = r[t.Col("email")];
    if (!email.empty()) {
      EXPECT_NE(email.find('@'), std::string::npos) << email;
      for (unsigned char c : email) EXPECT_LT(c, 0x80) << email;
    }
    const std::string& phone = r[t.Col("phone")];
    if (!phone.empty()) {
      EXPECT_EQ(phone.substr(0, 4), "+49 ") << phone;
    }
    for (const char* col : {"consent_email", "consent_sms", "consent_phone", "consent_letter"}) {
      const std::string& v = r[t.Col(col)];
      EXPECT_TRUE(v.empty() || v == "granted" || v == "denied") << v;
    }
    email_granted += r[t.Col("consent_email")] == "granted";
    english += r[t.Col("language")] == "en";
    const std::string name = r[t.Col("first_name")] + r[t.Col("last_name")];
    with_umlaut += name.find("ü") != std::string::npos || name.find("ö") != std::string::npos ||
                   name.find("ä") != std::string::npos || name.find("ß") != std::string::npos;
    if (!r[t.Col("birth_date")].empty()) {
      const auto birth = core::ParseDate(r[t.Col("birth_date")]);
      const auto created = core::ParseDate(r[t.Col("created_at")]);
      ASSERT_TRUE(birth && created);
      EXPECT_GE(*created - *birth, 17 * 365) << r[0];  // adult at sign-up (created may precede)
      EXPECT_LE(*created - *birth, 86 * 366) << r[0];
    }
  }
  const double n = static_cast<double>(t.rows.size());
  EXPECT_NEAR(b2b / n, 0.05, 0.015);
  EXPECT_NEAR(email_granted / n, 0.6, 0.04);
  EXPECT_GT(english / n, 0.01);
  EXPECT_LT(english / n, 0.1);
  EXPECT_GT(with_umlaut / n, 0.05);
  EXPECT_GE(cities.size(), 60u);
}

TEST_F(GeneratedShop, SizesFitTheCategory) {
  const Table& t = T("order_lines.csv");
  for (const auto& r : t.rows) {
    const std::string& category = r[t.Col("category")];
    const std::string& size = r[t.Col("size")];
    if (category == "Schuhe") {
      const int s = std::stoi(size);
      EXPECT_GE(s, 36);
      EXPECT_LE(s, 46);
    } else if (category == "Hosen" || category == "Jacken" || category == "Pullover") {
      EXPECT_TRUE(size == "XS" || size == "S" || size == "M" || size == "L" || size == "XL" ||
                  size == "XXL")
          << size;
    } else if (category == "Taschen" || category == "Outdoor") {
      EXPECT_TRUE(size.empty());
    }
  }
}

TEST_F(GeneratedShop, ReturnReasonsFitTheArticle) {
  const Table& lines = T("order_lines.csv");
  std::map<std::pair<std::string, std::string>, std::string> size_of;  // (order, sku) -> size
  for (const auto& r : lines.rows) size_of[{r[0], r[lines.Col("sku")]}] = r[lines.Col("size")];
  const Table& returns = T("returns.csv");
  int quoted_reason = 0;
  for (const auto& r : returns.rows) {
    const std::string& reason = r[returns.Col("reason")];
    quoted_reason += reason.find(',') != std::string::npos;
    if (size_of[{r[returns.Col("order_id")], r[returns.Col("sku")]}].empty()) {
      EXPECT_EQ(reason.find("Passt"), std::string::npos) << reason;
      EXPECT_EQ(reason.find("Zu gro"), std::string::npos) << reason;
      EXPECT_EQ(reason.find("Zu klein"), std::string::npos) << reason;
      EXPECT_EQ(reason.find("Größen"), std::string::npos) << reason;
    }
  }
  EXPECT_GT(quoted_reason, 0);  // a reason with a comma survived the CSV round trip
}

TEST(GenerateShop, SameSeedSameBytesOtherSeedOtherBytes) {
  GenOptions o;
  o.customers = 1500;
  o.seed = 99;
  const std::string a = TempDir("a"), b = TempDir("b"), c = TempDir("c");
  ASSERT_TRUE(GenerateShop(o, a).has_value());
  ASSERT_TRUE(GenerateShop(o, b).has_value());
  o.seed = 100;
  ASSERT_TRUE(GenerateShop(o, c).has_value());
  for (const char* f : kFiles) {
    const std::string fa = ReadFile(a + "/" + f);
    EXPECT_FALSE(fa.empty());
    EXPECT_EQ(fa, ReadFile(b + "/" + f)) << f;
    EXPECT_NE(fa, ReadFile(c + "/" + f)) << f;
  }
  fs::remove_all(fs::path(a).parent_path());
}

TEST(GenerateShop, PrefixOfCustomersIsStable) {
  // Customer i's data depends only on (seed, i): more customers append, never change.
  GenOptions o;
  o.customers = 300;
  const std::string small = TempDir("small"), large = TempDir("large");
  ASSERT_TRUE(GenerateShop(o, small).has_value());
  o.customers = 600;
  ASSERT_TRUE(GenerateShop(o, large).has_value());
  const std::string s = ReadFile(small + "/customers.csv");
  EXPECT_EQ(ReadFile(large + "/customers.csv").substr(0, s.size()), s);
  fs::remove_all(fs::path(small).parent_path());
}

TEST(GenerateShop, ReportsProgressToTheEnd) {
  GenOptions o;
  o.customers = 50;
  std::vector<std::pair<int64_t, int64_t>> calls;
  const std::string dir = TempDir("progress");
  ASSERT_TRUE(GenerateShop(o, dir, [&](int64_t done, int64_t total) {
                calls.emplace_back(done, total);
              }).has_value());
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), (std::pair<int64_t, int64_t>{50, 50}));
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(GenerateShop, RejectsBadOptions) {
  GenOptions o;
  o.customers = 0;
  auto r = GenerateShop(o, TempDir("bad"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), core::Code::kInvalidArgument);
  o.customers = 10;
  o.years = 0;
  r = GenerateShop(o, TempDir("bad"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), core::Code::kInvalidArgument);
  o.years = 3;
  o.b2b_share = 1.5;
  r = GenerateShop(o, TempDir("bad"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), core::Code::kInvalidArgument);
}

TEST(GenerateShop, UnwritableDirectoryIsAnIoError) {
  const std::string base = TempDir("io");
  fs::create_directories(base);
  const std::string file = base + "/plain_file";
  std::ofstream(file) << "x";
  GenOptions o;
  o.customers = 10;
  auto r = GenerateShop(o, file + "/out");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), core::Code::kIo);
  EXPECT_NE(r.error().message().find(file), std::string::npos) << r.error().message();
  fs::remove_all(fs::path(base).parent_path());
}

TEST(GenerateShop, HistoryWindow) {
  GenOptions o;
  EXPECT_EQ(o.end, core::DayFromCivil(2025, 12, 31));
  EXPECT_EQ(HistoryStart(o), core::DayFromCivil(2023, 1, 1));
  o.end = core::DayFromCivil(2024, 2, 29);
  o.years = 1;
  EXPECT_EQ(HistoryStart(o), core::DayFromCivil(2023, 3, 1));
  o.end = core::DayFromCivil(2024, 6, 30);
  o.years = 2;
  EXPECT_EQ(HistoryStart(o), core::DayFromCivil(2022, 7, 1));
}

TEST(GenerateShop, ShortHistoryKeepsEverythingInside) {
  GenOptions o;
  o.customers = 400;
  o.years = 1;
  o.end = core::DayFromCivil(2024, 7, 15);
  const std::string dir = TempDir("short");
  auto stats = GenerateShop(o, dir);
  ASSERT_TRUE(stats.has_value());
  const Table orders = ParseCsv(ReadFile(dir + "/orders.csv"));
  for (const auto& r : orders.rows) {
    const auto ts = core::ParseTimestamp(r[2]);
    ASSERT_GE(ts->day, HistoryStart(o));
    ASSERT_LE(ts->day, o.end);
  }
  const Table returns = ParseCsv(ReadFile(dir + "/returns.csv"));
  for (const auto& r : returns.rows) ASSERT_LE(core::ParseTimestamp(r[3])->day, o.end);
  fs::remove_all(fs::path(dir).parent_path());
}

}  // namespace
}  // namespace retain::synth
