// End-to-end tests of the analytics routes the dashboard reads: the monthly
// KPI series, the RFM grid, the customer table (and its CSV export), the
// forecast validation and the CLV distribution. Figures are checked against
// other routes (the period KPIs, segment counts), the CLI's use case or
// hand-made examples.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>

#include "retain/api/api_test_server.h"
#include "retain/app/analytics_session.h"
#include "retain/app/clv_validation.h"

namespace retain::api {
namespace {

// What the test knows of a seeded customer (orders up to the latest day).
struct Seeded {
  std::string first_name, last_name, email, city;
  int64_t orders = 0, revenue = 0;
  core::Day last_order = 0;
};

// Adds `n` customers S001.. with names, e-mail, a city and one to many
// purchases in 2023-2025 (a fixed pseudo-random history), written beside
// the running server. A few names need CSV quoting or a formula guard.
std::map<std::string, Seeded> SeedShop(const std::string& db, int n) {
  static const char* firsts[] = {"Anna", "Jonas", "Lea", "Paul", "Mia", "Ben", "Emma", "Noah"};
  static const char* lasts[] = {"Schmidt", "Meyer", "Schulz", "Wagner", "Becker", "Hoffmann"};
  static const char* cities[] = {"Berlin", "Hamburg", "München", "Köln"};
  std::map<std::string, Seeded> seeded;
  auto store = storage::OpenStore(db, storage::OpenMode::kMustExist);
  EXPECT_TRUE(store.has_value());
  auto& s = **store;
  uint64_t state = 7;
  auto next = [&](int64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int64_t>((state >> 33) % static_cast<uint64_t>(bound));
  };
  const core::Day start = core::DayFromCivil(2023, 1, 1), end = core::DayFromCivil(2025, 12, 31);
  EXPECT_TRUE(s.BeginWrite().ok());
  for (int i = 1; i <= n; ++i) {
    model::Customer c;
    c.external_id = fmt::format("S{:03}", i);
    c.first_name = i == 7 ? "=Formel" : firsts[i % 8];
    c.last_name = i == 5 ? "Meyer, \"Jr.\"" : lasts[i % 6];
    c.email = fmt::format("kunde{}@example.org", i);
    c.city = cities[i % 4];
    EXPECT_TRUE(s.UpsertCustomer(c).has_value());
    Seeded& want = seeded[c.external_id];
    want.first_name = c.first_name;
    want.last_name = c.last_name;
    want.email = c.email;
    want.city = c.city;
    const int64_t gap = 15 + next(150);
    const core::Day first = start + next(365);
    const core::Day last = first + next(1000);
    const int64_t spend = 2000 + next(15000);
    int k = 0;
    for (core::Day d = first; d <= end && d <= last; d += 1 + next(2 * gap)) {
      model::Order o;
      o.external_id = c.external_id + "-" + std::to_string(++k);
      o.customer_external_id = c.external_id;
      o.ordered_at.day = d;
      o.total_minor = spend / 2 + next(spend);
      EXPECT_TRUE(s.UpsertOrder(o).has_value());
      ++want.orders;
      want.revenue += o.total_minor;
      want.last_order = d;
    }
  }
  EXPECT_TRUE(s.Commit().ok());
  return seeded;
}

// The latest order day of the fixture (2025-07-06) and SeedShop's customers.
core::Day LatestDay(const std::map<std::string, Seeded>& seeded) {
  core::Day latest = core::DayFromCivil(2025, 7, 6);
  for (const auto& [id, c] : seeded) {
    if (c.orders > 0) latest = std::max(latest, c.last_order);
  }
  return latest;
}

// A percentage rounded to 4 places, as the KPI report rounds it.
double Rounded(int64_t part, int64_t whole) {
  const double v = whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole) * 100;
  return std::round(v * 10000.0) / 10000.0;
}

class DashboardDataTest : public ApiServerTest {
 protected:
  json Get(const std::string& path, const std::string& key = "") {
    auto r = Send("GET", path, key.empty() ? analyst_ : key);
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return json::parse(r->body);
  }
  // The field a 400 problem names.
  std::string BadField(const std::string& path) {
    auto p = Problem(Send("GET", path, analyst_), 400);
    return p["errors"][0]["field"];
  }
  // Members of a segment rule (POST /api/v1/segments/count).
  int64_t Count(const std::string& rule) {
    auto r = Send("POST", "/api/v1/segments/count", analyst_, json{{"rule", rule}}.dump());
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body)["members"];
  }
};

// Each month equals GET /api/v1/kpis for its first to last day.
void ExpectMonthEqualsPeriod(const json& m, const json& k) {
  SCOPED_TRACE(m["month"].get<std::string>());
  for (const char* key : {"revenue", "orders", "active_customers", "new_customers",
                          "customers_start", "customers_end", "retention_rate", "churn_rate"}) {
    EXPECT_EQ(m[key], k[key]) << key;
  }
  EXPECT_EQ(m["existing_revenue"].get<int64_t>() + m["new_revenue"].get<int64_t>(), m["revenue"]);
  EXPECT_DOUBLE_EQ(Rounded(m["existing_revenue"], m["revenue"]),
                   k["existing_revenue_share"].get<double>());
  if (k["active_customers"] == 0) {
    EXPECT_TRUE(m["repeat_purchase_rate"].is_null());
  } else {
    EXPECT_EQ(m["repeat_purchase_rate"], k["repeat_purchase_rate"]);
  }
}

TEST_F(DashboardDataTest, MonthlyKpisEqualThePeriodReportOfEachMonth) {
  const auto seeded = SeedShop(db_, 200);
  Problem(Send("GET", "/api/v1/kpis/monthly", shop_), 403);

  // Default: the 12 months ending with the month of the latest order.
  const core::Day latest = LatestDay(seeded);
  const int last_month = core::MonthIndex(latest);
  auto all = Get("/api/v1/kpis/monthly");
  EXPECT_EQ(all["window_days"], 365);
  EXPECT_EQ(all["existing_min_orders"], 2);
  EXPECT_EQ(all["amounts"], "minor units (cents)");
  ASSERT_EQ(all["months"].size(), 12u);
  EXPECT_EQ(all["months"][11]["month"], core::FormatMonthIndex(last_month));
  EXPECT_EQ(all["months"][0]["month"], core::FormatMonthIndex(last_month - 11));
  int64_t revenue = 0;
  for (const auto& m : all["months"]) {
    ExpectMonthEqualsPeriod(
        m, Get(fmt::format("/api/v1/kpis?from={}&to={}", m["from"].get<std::string>(),
                           m["to"].get<std::string>())));
    revenue += m["revenue"].get<int64_t>();
  }
  // The months together are the year.
  const auto year =
      Get(fmt::format("/api/v1/kpis?from={}&to={}", all["months"][0]["from"].get<std::string>(),
                      all["months"][11]["to"].get<std::string>()));
  EXPECT_EQ(revenue, year["revenue"]);
  EXPECT_GT(revenue, 0);

  // Another range and settings: February (28 days) and March 2024.
  auto two =
      Get("/api/v1/kpis/monthly?from=2024-02&to=2024-03&window_days=90&existing_min_orders=3");
  EXPECT_EQ(two["window_days"], 90);
  EXPECT_EQ(two["existing_min_orders"], 3);
  ASSERT_EQ(two["months"].size(), 2u);
  EXPECT_EQ(two["months"][0]["from"], "2024-02-01");
  EXPECT_EQ(two["months"][0]["to"], "2024-02-29");
  EXPECT_EQ(two["months"][1]["to"], "2024-03-31");
  for (const auto& m : two["months"]) {
    const auto k =
        Get(fmt::format("/api/v1/kpis?from={}&to={}&window_days=90&existing_min_orders=3",
                        m["from"].get<std::string>(), m["to"].get<std::string>()));
    ExpectMonthEqualsPeriod(m, k);
    EXPECT_GT(m["existing_revenue"].get<int64_t>(), 0);
    EXPECT_GT(m["new_revenue"].get<int64_t>(), 0);
  }
  // Before the first order nobody is counted: the rates have no denominator.
  auto empty = Get("/api/v1/kpis/monthly?from=2020-01&to=2020-01");
  ASSERT_EQ(empty["months"].size(), 1u);
  EXPECT_TRUE(empty["months"][0]["retention_rate"].is_null());
  EXPECT_TRUE(empty["months"][0]["churn_rate"].is_null());
  EXPECT_TRUE(empty["months"][0]["repeat_purchase_rate"].is_null());
  EXPECT_EQ(empty["months"][0]["revenue"], 0);
  // 60 months is the most.
  EXPECT_EQ(Get("/api/v1/kpis/monthly?from=2021-01&to=2025-12")["months"].size(), 60u);

  EXPECT_EQ(BadField("/api/v1/kpis/monthly?from=2024-13"), "from");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?from=2024-1"), "from");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?to=2024-01-05"), "to");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?from=2024-05&to=2024-04"), "from");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?from=2020-12&to=2025-12"), "from");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?window_days=0"), "window_days");
  EXPECT_EQ(BadField("/api/v1/kpis/monthly?existing_min_orders=x"), "existing_min_orders");
}

TEST_F(DashboardDataTest, RfmGridCellsAddUpAndMatchSegmentRules) {
  SeedShop(db_, 150);
  Problem(Send("GET", "/api/v1/rfm", shop_), 403);
  const auto rfm = Get("/api/v1/rfm");
  const auto& grid = rfm["grid"];
  ASSERT_EQ(grid.size(), 25u);
  int64_t customers = 0, revenue = 0;
  std::map<std::string, int64_t> by_segment;
  for (const auto& cell : grid) {
    customers += cell["customers"].get<int64_t>();
    revenue += cell["revenue"].get<int64_t>();
    by_segment[cell["segment"]] += cell["customers"].get<int64_t>();
  }
  EXPECT_EQ(customers, rfm["customers"]);
  EXPECT_EQ(customers, 156) << "150 seeded and the fixture's six buyers";
  // The monetary total of everybody is all revenue up to the scoring day.
  const auto kpi = Get("/api/v1/kpis?from=2000-01-01&to=" + rfm["as_of"].get<std::string>());
  EXPECT_EQ(revenue, kpi["revenue"]);
  for (const auto& s : rfm["segments"]) EXPECT_EQ(by_segment[s["name"]], s["customers"]);
  EXPECT_EQ(grid[0]["r"], 1);
  EXPECT_EQ(grid[0]["f"], 1);
  EXPECT_EQ(grid[0]["segment"], "Hibernating");
  EXPECT_EQ(grid[23]["r"], 5);
  EXPECT_EQ(grid[23]["f"], 4);
  EXPECT_EQ(grid[23]["segment"], "Champions");
  // Each cell is the rule on its scores; its revenue that of its customers.
  for (const auto& cell : grid) {
    const std::string rule =
        fmt::format("rfm_r = {} and rfm_f = {}", cell["r"].get<int>(), cell["f"].get<int>());
    EXPECT_EQ(Count(rule), cell["customers"]) << rule;
  }
  const auto cell = grid[5 * 4 + 2];  // R5 F3
  ASSERT_EQ(cell["r"], 5);
  ASSERT_EQ(cell["f"], 3);
  ASSERT_GT(cell["customers"], 0);
  const auto members =
      Get("/api/v1/customers?view=summary&limit=500&rule=" + Pct("rfm_r = 5 and rfm_f = 3"));
  int64_t members_revenue = 0;
  for (const auto& c : members["customers"]) members_revenue += c["revenue"].get<int64_t>();
  EXPECT_EQ(members["total"], cell["customers"]);
  EXPECT_EQ(members_revenue, cell["revenue"]);
}

TEST_F(DashboardDataTest, CustomerTableFiltersSortsAndPages) {
  const auto seeded = SeedShop(db_, 120);
  Problem(Send("GET", "/api/v1/customers?view=summary", shop_), 403);
  // The plain listing is unchanged.
  const auto plain = Get("/api/v1/customers?limit=2");
  EXPECT_TRUE(plain.contains("next_cursor"));
  EXPECT_FALSE(plain.contains("total"));

  const auto first = Get("/api/v1/customers?view=summary");
  EXPECT_EQ(first["total"], 130);
  EXPECT_EQ(first["offset"], 0);
  EXPECT_EQ(first["limit"], 50);
  EXPECT_EQ(first["next_offset"], 50);
  ASSERT_EQ(first["customers"].size(), 50u);
  EXPECT_EQ(first["customers"][0]["customer_id"], "C01") << "sorted by customer_id";
  // Every row against what was written.
  const core::Day latest = LatestDay(seeded);
  std::set<std::string> seen;
  int64_t offset = 0;
  for (int pages = 0; pages < 10; ++pages) {
    const auto page = Get(fmt::format("/api/v1/customers?view=summary&limit=37&offset={}", offset));
    EXPECT_EQ(page["total"], 130);
    for (const auto& c : page["customers"]) {
      const std::string id = c["customer_id"];
      EXPECT_TRUE(seen.insert(id).second) << id << " twice";
      auto it = seeded.find(id);
      if (it == seeded.end()) continue;
      const Seeded& want = it->second;
      SCOPED_TRACE(id);
      EXPECT_EQ(c["first_name"], want.first_name);
      EXPECT_EQ(c["last_name"], want.last_name);
      EXPECT_EQ(c["email"], want.email);
      EXPECT_EQ(c["city"], want.city);
      EXPECT_EQ(c["orders"], want.orders);
      EXPECT_EQ(c["revenue"], want.revenue);
      if (want.orders > 0) {
        EXPECT_EQ(c["last_order"], core::FormatDay(want.last_order));
        EXPECT_EQ(c["days_since_last_order"], latest - want.last_order);
        EXPECT_TRUE(c["rfm_segment"].is_string());
        EXPECT_TRUE(c["lifecycle"].is_string());
      } else {
        EXPECT_TRUE(c["last_order"].is_null());
        EXPECT_TRUE(c["rfm_segment"].is_null());
      }
      EXPECT_TRUE(c["clv"].is_null()) << "nothing scored yet";
      EXPECT_TRUE(c["p_alive"].is_null());
      EXPECT_TRUE(c["risk"].is_null());
    }
    if (page["next_offset"].is_null()) {
      EXPECT_EQ(offset, 111) << "the fourth page is the last";
      EXPECT_EQ(page["customers"].size(), 19u);
      break;
    }
    EXPECT_EQ(page["next_offset"], offset + 37);
    offset = page["next_offset"];
  }
  EXPECT_EQ(seen.size(), 130u);
  EXPECT_EQ(Get("/api/v1/customers?view=summary&offset=500")["customers"].size(), 0u);

  // Sorting both ways: values in order, equal ones by customer_id.
  for (const std::string key : {"revenue", "orders", "last_order", "days_since_last_order"}) {
    for (const bool down : {false, true}) {
      SCOPED_TRACE(key + (down ? " descending" : ""));
      const auto rows =
          Get("/api/v1/customers?view=summary&limit=500&sort=" + std::string(down ? "-" : "") +
              key)["customers"];
      ASSERT_EQ(rows.size(), 130u);
      for (size_t i = 1; i < rows.size(); ++i) {
        const json &a = rows[i - 1][key], &b = rows[i][key];
        if (a.is_null()) {
          EXPECT_TRUE(b.is_null()) << "missing values last";
          continue;
        }
        if (b.is_null()) continue;
        EXPECT_TRUE(down ? a >= b : a <= b) << i;
        if (a == b) {
          EXPECT_LT(rows[i - 1]["customer_id"], rows[i]["customer_id"]);
        }
      }
    }
  }
  int64_t top = 0;
  for (const auto& [id, c] : seeded) top = std::max(top, c.revenue);
  EXPECT_EQ(Get("/api/v1/customers?view=summary&sort=-revenue&limit=1")["customers"][0]["revenue"],
            top);
  const auto down_ids = Get("/api/v1/customers?view=summary&sort=-customer_id&limit=2");
  EXPECT_EQ(down_ids["customers"][0]["customer_id"], "S120");
  const auto names = Get("/api/v1/customers?view=summary&sort=name&limit=500")["customers"];
  for (size_t i = 1; i < names.size(); ++i) {
    auto key = [](const json& c) {
      std::string k =
          c["last_name"].get<std::string>() + '\x01' + c["first_name"].get<std::string>();
      for (char& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return k;
    };
    EXPECT_LE(key(names[i - 1]), key(names[i])) << i;
  }

  // Filters, each against the segment rule that means the same.
  const auto rfm = Get("/api/v1/rfm");
  for (const auto& s : rfm["segments"]) {
    const std::string name = s["name"];
    EXPECT_EQ(Get("/api/v1/customers?view=summary&rfm_segment=" + Pct(name))["total"],
              s["customers"])
        << name;
  }
  EXPECT_EQ(Get("/api/v1/customers?view=summary&lifecycle=active")["total"],
            Count("lifecycle = \"active\""));
  EXPECT_EQ(Get("/api/v1/customers?view=summary&lifecycle=CHURNED")["total"],
            Count("lifecycle = \"churned\""));
  EXPECT_EQ(
      Get("/api/v1/customers?view=summary&lifecycle=churned&rfm_segment=Hibernating")["total"],
      Count("lifecycle = \"churned\" and rfm_segment = \"Hibernating\""));
  EXPECT_EQ(Get("/api/v1/customers?view=summary&lifecycle=active&rule=" +
                Pct("city = \"Berlin\""))["total"],
            Count("lifecycle = \"active\" and city = \"Berlin\""));
  // Search: part of the name (ASCII case ignored), the e-mail or the id, with the filters.
  int64_t schmidts = 0, berlin_schmidts = 0;
  for (const auto& [id, c] : seeded) {
    schmidts += c.last_name == "Schmidt";
    berlin_schmidts += c.last_name == "Schmidt" && c.city == "Berlin";
  }
  EXPECT_EQ(Get("/api/v1/customers?view=summary&q=schmidt")["total"], schmidts);
  EXPECT_EQ(
      Get("/api/v1/customers?view=summary&q=SCHMIDT&rule=" + Pct("city = \"Berlin\""))["total"],
      berlin_schmidts);
  const auto by_mail = Get("/api/v1/customers?view=summary&q=KUNDE17%40example.org");
  ASSERT_EQ(by_mail["total"], 1);
  EXPECT_EQ(by_mail["customers"][0]["customer_id"], "S017");
  EXPECT_EQ(Get("/api/v1/customers?view=summary&q=S018")["customers"][0]["email"],
            "kunde18@example.org");

  // Errors name their parameter.
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&risk=extreme"), "risk");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&lifecycle=sleeping"), "lifecycle");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&rfm_segment=Sleepers"), "rfm_segment");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&sort=-email"), "sort");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&limit=0"), "limit");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&limit=501"), "limit");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&offset=-1"), "offset");
  EXPECT_EQ(BadField("/api/v1/customers?view=full"), "view");
  EXPECT_EQ(BadField("/api/v1/customers?format=xml"), "format");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&rule=orders%20%3E%3E%201"), "rule");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&segment=Nope"), "segment");
  EXPECT_EQ(BadField("/api/v1/customers?view=summary&segment=Champions&rule=orders%3E1"), "rule");

  // After scoring, the forecasts are in the rows and the risk filter works.
  ASSERT_EQ(Send("POST", "/api/v1/clv/fit", admin_, "")->status, 201);
  ASSERT_EQ(Send("POST", "/api/v1/clv/score", admin_, "")->status, 200);
  const auto scored = Get("/api/v1/customers?view=summary&limit=500&sort=-clv")["customers"];
  EXPECT_TRUE(scored[0]["clv"].is_number_integer());
  EXPECT_TRUE(scored[0]["p_alive"].is_number());
  EXPECT_GE(scored[0]["clv"], scored[1]["clv"]);
  for (const char* band : {"low", "medium", "high"}) {
    EXPECT_EQ(Get(std::string("/api/v1/customers?view=summary&risk=") + band)["total"],
              Count(fmt::format("risk = \"{}\"", band)))
        << band;
  }
}

// Splits one CSV line (quoted fields with doubled quotes).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST_F(DashboardDataTest, CustomerTableAsCsv) {
  const auto seeded = SeedShop(db_, 60);
  auto r = Send("GET", "/api/v1/customers?format=csv", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "attachment; filename=\"customers.csv\"");
  std::istringstream in(r->body);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "customer_id,first_name,last_name,email,city,orders,revenue,last_order,"
            "days_since_last_order,rfm_segment,lifecycle,risk,clv,p_alive");
  // The same rows as the JSON table, every one of them, amounts in euros.
  const auto table = Get("/api/v1/customers?view=summary&limit=500")["customers"];
  size_t rows = 0;
  while (std::getline(in, line)) {
    ASSERT_LT(rows, table.size());
    const json& c = table[rows++];
    const auto f = CsvFields(line);
    ASSERT_EQ(f.size(), 14u) << line;
    const std::string id = c["customer_id"];
    SCOPED_TRACE(id);
    EXPECT_EQ(f[0], id);
    const std::string first = c["first_name"];
    EXPECT_EQ(f[1], first[0] == '=' ? "'" + first : first);
    EXPECT_EQ(f[2], c["last_name"]);
    EXPECT_EQ(f[3], c["email"]);
    EXPECT_EQ(f[5], std::to_string(c["orders"].get<int64_t>()));
    const int64_t cents = c["revenue"];
    EXPECT_EQ(f[6], fmt::format("{}.{:02}", cents / 100, cents % 100));
    EXPECT_EQ(f[7], c["last_order"].is_null() ? "" : c["last_order"].get<std::string>());
    EXPECT_EQ(f[9], c["rfm_segment"].is_null() ? "" : c["rfm_segment"].get<std::string>());
    EXPECT_EQ(f[12], "") << "no forecast yet";
  }
  EXPECT_EQ(rows, 70u);
  EXPECT_NE(r->body.find("\"Meyer, \"\"Jr.\"\"\""), std::string::npos) << "quoted";
  EXPECT_NE(r->body.find(",'=Formel,"), std::string::npos) << "a formula is not run";
  EXPECT_EQ(seeded.at("S007").first_name, "=Formel");

  // With the table's filters and order, and no paging.
  auto sorted = Send("GET",
                     "/api/v1/customers?view=summary&format=csv&sort=-revenue&limit=1&"
                     "rfm_segment=Champions",
                     analyst_);
  ASSERT_EQ(sorted->status, 200);
  const auto champions =
      Get("/api/v1/customers?view=summary&sort=-revenue&limit=500&"
          "rfm_segment=Champions");
  std::istringstream s(sorted->body);
  std::getline(s, line);
  size_t n = 0;
  while (std::getline(s, line)) {
    ASSERT_LT(n, champions["customers"].size());
    EXPECT_EQ(CsvFields(line)[0], champions["customers"][n++]["customer_id"]);
  }
  EXPECT_EQ(n, champions["total"].get<size_t>());
  EXPECT_GT(n, 1u);
  Problem(Send("GET", "/api/v1/customers?format=csv&risk=bad", analyst_), 400);
  Problem(Send("GET", "/api/v1/customers?format=csv", shop_), 403);
}

TEST_F(DashboardDataTest, ForecastValidationIsTheClisAndIsKept) {
  const auto seeded = SeedShop(db_, 300);
  Problem(Send("GET", "/api/v1/clv/validation", shop_), 403);
  const core::Day latest = LatestDay(seeded);
  // What `retain clv validate --json` prints: its use case on the same database.
  auto cli = [&](core::Day calibration_end, core::Day holdout_end) {
    auto session = app::OpenAnalytics(db_);
    EXPECT_TRUE(session.has_value());
    app::ClvValidateRequest req;
    req.calibration_end = calibration_end;
    req.holdout_end = holdout_end;
    auto result = app::RunClvValidate(session->snapshot, req);
    EXPECT_TRUE(result.has_value());
    EXPECT_TRUE(result->fit.converged);
    return json::parse(app::ClvValidateJson(*result).dump());
  };
  const core::Day cal = core::DayFromCivil(2025, 3, 31), hold = core::DayFromCivil(2025, 10, 31);
  const std::string path =
      "/api/v1/clv/validation?calibration_end=2025-03-31&holdout_end=2025-10-31";
  const auto answer = Get(path);
  EXPECT_EQ(answer, cli(cal, hold));
  EXPECT_EQ(answer["model"], "bgnbd");
  EXPECT_EQ(answer["time_unit"], "week");
  EXPECT_GT(answer["tracking"].size(), 50u);
  EXPECT_EQ(answer["tracking"].back()["last_day"], "2025-10-31");
  EXPECT_EQ(Get(path), answer) << "kept";

  // Defaults: the latest order day, 26 weeks before it.
  const auto defaults = Get("/api/v1/clv/validation");
  EXPECT_EQ(defaults["holdout_end"], core::FormatDay(latest));
  EXPECT_EQ(defaults["calibration_end"], core::FormatDay(latest - 182));
  EXPECT_EQ(defaults, cli(latest - 182, latest));

  // New data is a new answer: a repeat purchase in the holdout is counted.
  ASSERT_EQ(Send("POST", "/api/v1/orders", shop_,
                 R"({"order_id":"V-1","customer_id":"C01","ordered_at":"2025-10-30","total":500})")
                ->status,
            201);
  const auto after = Get(path);
  EXPECT_EQ(after["actual_total"].get<double>(), answer["actual_total"].get<double>() + 1);
  EXPECT_EQ(after, cli(cal, hold));

  EXPECT_EQ(BadField("/api/v1/clv/validation?calibration_end=2025-10-31&holdout_end=2025-10-31"),
            "calibration_end");
  EXPECT_EQ(BadField("/api/v1/clv/validation?holdout_end=31.13.2025"), "holdout_end");
  auto early =
      Problem(Send("GET", "/api/v1/clv/validation?calibration_end=2001-01-01", analyst_), 409);
  EXPECT_EQ(early["errors"][0]["field"], "calibration_end");
}

TEST_F(DashboardDataTest, ClvDistributionOfAHandMadeRun) {
  auto none = Problem(Send("GET", "/api/v1/clv/distribution", analyst_), 404);
  EXPECT_NE(none["detail"].get<std::string>().find("retain clv score"), std::string::npos);
  EXPECT_NE(none["detail"].get<std::string>().find("POST /api/v1/clv/score"), std::string::npos);
  Problem(Send("GET", "/api/v1/clv/distribution", shop_), 403);
  // 100 forecasts: 0, 100, ..., 9800 cents and one of 10,000 euros; the
  // first 50 low risk, the next 30 medium, the last 20 high.
  {
    auto store = storage::OpenStore(db_, storage::OpenMode::kMustExist);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->BeginWrite().ok());
    std::vector<storage::ClvScoreRecord> scores;
    for (int i = 0; i < 100; ++i) {
      model::Customer c;
      c.external_id = fmt::format("H{:03}", i);
      ASSERT_TRUE((*store)->UpsertCustomer(c).has_value());
      storage::ClvScoreRecord r;
      r.customer_id = c.external_id;
      r.clv_minor = i < 99 ? 100 * i : 1'000'000;
      r.risk = i < 50 ? "low" : i < 80 ? "medium" : "high";
      scores.push_back(r);
    }
    storage::ClvScoreRun run;
    run.scored_at = "2025-12-31T00:00:00Z";
    run.as_of = core::DayFromCivil(2025, 12, 31);
    ASSERT_TRUE((*store)->ReplaceClvScores(run, scores).has_value());
    ASSERT_TRUE((*store)->Commit().ok());
  }
  const auto d = Get("/api/v1/clv/distribution?bins=5");
  EXPECT_GT(d["run_id"].get<int64_t>(), 0);
  EXPECT_EQ(d["as_of"], "2025-12-31");
  EXPECT_EQ(d["customers"], 100);
  EXPECT_EQ(d["total"], 100 * (98 * 99 / 2) + 1'000'000);
  EXPECT_EQ(d["mean"], 14851);
  EXPECT_EQ(d["median"], 4950);
  EXPECT_EQ(d["p90"], 8900);
  // p99 = 9800: four bins of ceil(9800 / 4) = 2450 cents, then the rest.
  const json bins = json::parse(R"([
    {"from":0,"to":2450,"customers":25,"clv":30000},
    {"from":2450,"to":4900,"customers":24,"clv":87600},
    {"from":4900,"to":7350,"customers":25,"clv":152500},
    {"from":7350,"to":9800,"customers":24,"clv":205200},
    {"from":9800,"to":null,"customers":2,"clv":1009800}])");
  EXPECT_EQ(d["bins"], bins);
  const json risks = json::parse(R"([
    {"risk":"low","customers":50,"clv":122500},
    {"risk":"medium","customers":30,"clv":193500},
    {"risk":"high","customers":20,"clv":1169100}])");
  EXPECT_EQ(d["by_risk"], risks);
  // Default 20 bins; one bin holds everybody.
  EXPECT_EQ(Get("/api/v1/clv/distribution")["bins"].size(), 20u);
  const auto one = Get("/api/v1/clv/distribution?bins=1");
  EXPECT_EQ(one["bins"], json::parse(R"([{"from":0,"to":null,"customers":100,"clv":1485100}])"));
  EXPECT_EQ(BadField("/api/v1/clv/distribution?bins=0"), "bins");
  EXPECT_EQ(BadField("/api/v1/clv/distribution?bins=101"), "bins");
}

TEST_F(DashboardDataTest, ClvDistributionOfAScoreRunAddsUp) {
  SeedShop(db_, 200);
  ASSERT_EQ(Send("POST", "/api/v1/clv/fit", admin_, "")->status, 201);
  auto scored = Send("POST", "/api/v1/clv/score", admin_, "");
  ASSERT_EQ(scored->status, 200);
  const auto score = json::parse(scored->body);
  const auto d = Get("/api/v1/clv/distribution?bins=12");
  EXPECT_EQ(d["run_id"], score["run_id"]);
  EXPECT_EQ(d["customers"], score["customers_scored"]);
  ASSERT_EQ(d["bins"].size(), 12u);
  int64_t customers = 0, clv = 0, risk_customers = 0, risk_clv = 0;
  for (size_t i = 0; i < d["bins"].size(); ++i) {
    const auto& b = d["bins"][i];
    customers += b["customers"].get<int64_t>();
    clv += b["clv"].get<int64_t>();
    if (i > 0) {
      EXPECT_EQ(b["from"], d["bins"][i - 1]["to"]);
    }
  }
  EXPECT_TRUE(d["bins"][11]["to"].is_null());
  for (const auto& r : d["by_risk"]) {
    risk_customers += r["customers"].get<int64_t>();
    risk_clv += r["clv"].get<int64_t>();
    EXPECT_EQ(r["customers"], score["by_risk"][r["risk"].get<std::string>()]);
  }
  EXPECT_EQ(customers, d["customers"]);
  EXPECT_EQ(risk_customers, d["customers"]);
  EXPECT_EQ(clv, d["total"]);
  EXPECT_EQ(risk_clv, d["total"]);
  // The total is that of every customer's stored forecast in the table.
  int64_t table_clv = 0;
  const auto table = Get("/api/v1/customers?view=summary&limit=500");
  for (const auto& c : table["customers"]) {
    if (!c["clv"].is_null()) table_clv += c["clv"].get<int64_t>();
  }
  EXPECT_EQ(table_clv, d["total"]);
  EXPECT_LE(d["median"], d["p90"]);
}

}  // namespace
}  // namespace retain::api
