// Segments and association rules on the real UCI Online Retail data (from
// ../shared/data; skipped when it is absent), checked against counts made
// here straight from the CSV file, without the import or the snapshot.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "retain/analytics/associations.h"
#include "retain/app/import_service.h"
#include "retain/app/segments.h"
#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

std::string DataPath() {
  const char* env = std::getenv("RETAIN_SOURCE_DIR");
  const std::string root = env ? env : RETAIN_SOURCE_DIR;
  const std::string path = root + "/../shared/data/validation/online_retail.csv.gz";
  return std::filesystem::exists(path) ? path : "";
}

// The raw file's rows with a customer: invoice, stock code, date, customer, country.
struct Row {
  std::string invoice, stock, date, customer, country;
  bool cancelled;
};

std::vector<Row> ReadRows(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  std::string text;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, n);
  gzclose(f);
  std::vector<Row> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    // Descriptions may hold quoted commas: split respecting quotes.
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.emplace_back();
      } else if (c != '\r') {
        cells.back() += c;
      }
    }
    if (cells.size() < 8 || cells[6].empty()) continue;
    rows.push_back({cells[0], cells[1], cells[4].substr(0, 10), cells[6], cells[7],
                    cells[0].starts_with("C")});
  }
  return rows;
}

class OnlineRetail : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = DataPath();
    if (path_.empty()) return;
    dir_ = std::filesystem::temp_directory_path() / ("retain_or_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    const std::string db = (dir_ / "retain.db").string();
    auto store = storage::OpenStore(db, storage::OpenMode::kCreate);
    ASSERT_TRUE(store);
    ImportRequest request;
    request.preset = "online-retail";
    request.files = {path_};
    auto counts = RunImport(**store, request, nullptr);
    ASSERT_TRUE(counts) << counts.error().message();
    store->reset();
    auto session = OpenAnalytics(db);
    ASSERT_TRUE(session) << session.error().message();
    session_ = new AnalyticsSession(std::move(*session));
    rows_ = new std::vector<Row>(ReadRows(path_));
  }
  static void TearDownTestSuite() {
    delete session_;
    delete rows_;
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void SetUp() override {
    if (path_.empty()) GTEST_SKIP() << "shared data not found: validation/online_retail.csv.gz";
  }
  static inline std::string path_;
  static inline std::filesystem::path dir_;
  static inline AnalyticsSession* session_ = nullptr;
  static inline std::vector<Row>* rows_ = nullptr;
};

TEST_F(OnlineRetail, SegmentCountsMatchADirectLoopOverTheFile) {
  auto table = LoadCustomerTable(*session_, std::nullopt);
  ASSERT_TRUE(table);
  EXPECT_EQ(core::FormatDay(table->today()), "2011-12-09");
  // Per customer straight from the file: orders (distinct invoices), last
  // order day, country, stock codes bought.
  std::map<std::string, std::set<std::string>> invoices, stocks;
  std::map<std::string, std::string> last, country;
  for (const Row& r : *rows_) {
    if (r.cancelled) continue;
    invoices[r.customer].insert(r.invoice);
    stocks[r.customer].insert(r.stock);
    last[r.customer] = std::max(last[r.customer], r.date);
    country[r.customer] = r.country;
  }
  struct Case {
    std::string rule;
    std::function<bool(const std::string&)> holds;
  };
  const std::vector<Case> cases = {
      {"orders >= 2", [&](const std::string& c) { return invoices[c].size() >= 2; }},
      {"attribute(\"country_name\") = \"Germany\" and orders >= 3",
       [&](const std::string& c) { return country[c] == "Germany" && invoices[c].size() >= 3; }},
      {"bought_sku(\"85123A\") and not bought_sku(\"22423\") and orders < 10",
       [&](const std::string& c) {
         return stocks[c].contains("85123A") && !stocks[c].contains("22423") &&
                invoices[c].size() < 10;
       }},
      {"last_order < date(\"2011-06-01\") and (orders = 1 or attribute(\"country_name\") in "
       "(\"France\", \"Spain\"))",
       [&](const std::string& c) {
         return !last[c].empty() && last[c] < "2011-06-01" &&
                (invoices[c].size() == 1 || country[c] == "France" || country[c] == "Spain");
       }},
  };
  for (const auto& [rule, holds] : cases) {
    auto match = MatchSegment(session_->snapshot, *table, rule);
    ASSERT_TRUE(match) << rule << ": " << match.error().message();
    int64_t expected = 0;
    for (const auto& id : session_->snapshot.customer_ids) expected += holds(id);
    EXPECT_EQ(static_cast<int64_t>(match->members.size()), expected) << rule;
    EXPECT_GT(expected, 10) << rule;
  }
}

TEST_F(OnlineRetail, AssociationsMatchABruteForceCount) {
  analytics::AssociationOptions o;
  o.min_support = 0.01;
  o.min_confidence = 0.3;
  const auto report = analytics::FindAssociations(session_->snapshot, o);
  // Baskets straight from the file: distinct stock codes per invoice.
  std::map<std::string, std::set<std::string>> baskets;
  for (const Row& r : *rows_) {
    if (!r.cancelled) baskets[r.invoice].insert(r.stock);
  }
  EXPECT_EQ(report.baskets, static_cast<int64_t>(baskets.size()));
  std::map<std::string, int64_t> single;
  for (const auto& [invoice, items] : baskets) {
    for (const auto& item : items) ++single[item];
  }
  const double min_count = 0.01 * static_cast<double>(baskets.size());
  std::map<std::pair<std::string, std::string>, int64_t> both;
  for (const auto& [invoice, items] : baskets) {
    std::vector<std::string> kept;
    for (const auto& item : items) {
      if (single[item] >= min_count) kept.push_back(item);
    }
    for (const auto& a : kept) {
      for (const auto& b : kept) {
        if (a != b) ++both[{a, b}];
      }
    }
  }
  std::set<std::pair<std::string, std::string>> expected;
  for (const auto& [ab, n] : both) {
    if (n >= min_count && static_cast<double>(n) / single[ab.first] >= 0.3) expected.insert(ab);
  }
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& rule : report.rules) {
    const std::string& a = report.names[rule.antecedent];
    const std::string& b = report.names[rule.consequent];
    found.insert({a, b});
    const int64_t n = both[std::pair(a, b)];
    EXPECT_EQ(rule.baskets, n) << a << " -> " << b;
    EXPECT_NEAR(
        rule.lift,
        (static_cast<double>(n) / single[a]) / (static_cast<double>(single[b]) / baskets.size()),
        1e-9);
  }
  EXPECT_EQ(found, expected);
  EXPECT_GT(found.size(), 50u);
}

}  // namespace
}  // namespace retain::app
