// The dashboard's operations over HTTP: the Kunden-Club's activity by month
// (checked against the members' ledgers), the plan's held-back proposals,
// sending a committed plan from the server, its send log, a customer's
// contact history and the settings in force (never a password).
#include <fstream>
#include <set>
#include <sstream>

#include "retain/api/api_test_server.h"

namespace retain::api {
namespace {

class OperationsApiTest : public ApiServerTest {
 protected:
  json Ok(const httplib::Result& r, int status = 200) {
    EXPECT_TRUE(r) << "no answer";
    if (!r) return json();
    EXPECT_EQ(r->status, status) << r->body;
    return json::parse(r->body, nullptr, false);
  }
  // C01..C03 opt in to email: keep-in-touch emails on 2025-12-01; C04..C06
  // have reasons too but no consent.
  void OptIn() {
    for (const char* id : {"C01", "C02", "C03"}) {
      Ok(Send("POST", std::string("/api/v1/customers/") + id + "/consents", shop_,
              R"({"channel":"email","status":"granted","basis":"consent",)"
              R"("confirmed_at":"2025-01-02T10:00:00+01:00","source":"form"})"),
         201);
    }
  }
  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

TEST_F(OperationsApiTest, ActivityByMonthAddsUpToTheLedger) {
  auto member = [&](const char* id, const char* day) {
    Ok(Send("POST", "/api/v1/loyalty/members", shop_,
            json{{"customer_id", id}, {"joined_at", std::string(day) + "T09:00:00+01:00"}}.dump()),
       201);
  };
  auto buy = [&](const char* order, const char* id, int64_t cents, const char* day) {
    return Ok(Send("POST", "/api/v1/loyalty/purchases", shop_,
                   json{{"order_id", order},
                        {"customer_id", id},
                        {"amount_cents", cents},
                        {"occurred_at", std::string(day) + "T10:00:00+01:00"}}
                       .dump()),
              201);
  };
  member("C01", "2025-02-10");
  member("C02", "2025-03-03");
  EXPECT_EQ(buy("T-1", "C01", 150000, "2025-02-14")["points_earned"], 1500);
  EXPECT_EQ(buy("T-2", "C02", 4999, "2025-03-05")["points_earned"], 49);
  Ok(Send(
         "POST", "/api/v1/loyalty/returns", shop_,
         R"({"return_id":"R-1","order_id":"T-1","amount_cents":50000,"occurred_at":"2025-03-20"})"),
     201);
  Ok(Send("POST", "/api/v1/loyalty/bonuses", admin_,
          R"({"request_id":"B-1","customer_id":"C02","kind":"surprise","points":25,)"
          R"("reason":"Danke"})"),
     201);  // today: outside the year asked for below

  auto a = Ok(Send("GET", "/api/v1/loyalty/activity?from=2025-01&to=2025-12", analyst_));
  EXPECT_EQ(a["currency"], "EUR");
  EXPECT_EQ(a["from"], "2025-01");
  EXPECT_EQ(a["to"], "2025-12");
  ASSERT_EQ(a["months"].size(), 12u);
  EXPECT_EQ(a["months"][1]["month"], "2025-02");
  EXPECT_EQ(a["months"][1]["issued"], 1500);
  EXPECT_EQ(a["months"][1]["new_members"], 1);
  EXPECT_EQ(a["months"][2]["issued"], 49);
  EXPECT_EQ(a["months"][2]["returned"], 500);  // a third of T-1
  EXPECT_EQ(a["months"][2]["new_members"], 1);
  EXPECT_EQ(a["totals"]["bonus"], 0);
  // Every point of the year's ledger entries in exactly one column.
  int64_t ledger = 0;
  for (const char* id : {"C01", "C02"}) {
    auto h = Ok(Send("GET", std::string("/api/v1/loyalty/members/") + id + "/history", analyst_));
    for (const auto& e : h["entries"]) {
      if (e["day"].get<std::string>().rfind("2025-", 0) == 0)
        ledger += std::abs(e["points"].get<int64_t>());
    }
  }
  int64_t columns = 0;
  for (const auto& m : a["months"]) {
    for (const char* k : {"issued", "bonus", "redeemed", "restored", "expired", "returned"}) {
      columns += m[k].get<int64_t>();
    }
  }
  EXPECT_EQ(columns, ledger);
  EXPECT_EQ(columns, 1500 + 49 + 500);

  // By default the 12 months up to this one, which has today's bonus.
  auto now = Ok(Send("GET", "/api/v1/loyalty/activity", admin_));
  ASSERT_EQ(now["months"].size(), 12u);
  EXPECT_EQ(now["to"], core::FormatMonthIndex(core::MonthIndex(core::LocalToday())));
  EXPECT_EQ(now["months"][11]["bonus"], 25);

  auto bad = Problem(Send("GET", "/api/v1/loyalty/activity?from=2025-13", analyst_), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "from");
  bad = Problem(Send("GET", "/api/v1/loyalty/activity?from=2025-06&to=2025-01", analyst_), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "from");
  Problem(Send("GET", "/api/v1/loyalty/activity", shop_), 403);
}

TEST_F(OperationsApiTest, HeldBackProposalsNameTheirRule) {
  OptIn();
  auto plain = Ok(Send("GET", "/api/v1/plan?date=2025-12-01", analyst_));
  EXPECT_FALSE(plain.contains("held_back"));  // the default answer is unchanged
  auto page = Ok(Send("GET", "/api/v1/plan?date=2025-12-01&held_back=true&limit=2", analyst_));
  int64_t suppressed = 0;
  for (const auto& [rule, n] : page["suppressed"].items()) suppressed += n.get<int64_t>();
  ASSERT_GT(suppressed, 2);
  EXPECT_EQ(page["held_back_total"], suppressed);
  ASSERT_EQ(page["held_back"].size(), 2u);
  EXPECT_EQ(page["held_back_offset"], 0);
  EXPECT_EQ(page["next_held_back_offset"], 2);
  EXPECT_EQ(page["contacts"].size(), 2u);  // the contacts page as before

  std::map<std::string, int64_t> by_rule;
  std::set<std::string> customers;
  json all = json::array();
  for (int64_t offset = 0; offset < suppressed; offset += 2) {
    auto p = Ok(Send("GET",
                     "/api/v1/plan?date=2025-12-01&held_back=true&limit=2&held_back_offset=" +
                         std::to_string(offset),
                     analyst_));
    for (const auto& h : p["held_back"]) all.push_back(h);
  }
  ASSERT_EQ(static_cast<int64_t>(all.size()), suppressed);
  for (const auto& h : all) {
    ++by_rule[h["rule"]];
    customers.insert(h["customer_id"]);
    EXPECT_FALSE(h["trigger"].get<std::string>().empty());
    EXPECT_FALSE(h["reason"].get<std::string>().empty()) << h.dump();
  }
  for (const auto& [rule, n] : page["suppressed"].items()) EXPECT_EQ(by_rule[rule], n) << rule;
  // Those without consent are held back by the law.
  for (const char* id : {"C04", "C05", "C06"}) EXPECT_TRUE(customers.count(id)) << id;
  EXPECT_GT(by_rule["law:no_consent"] + by_rule["law:no_address"], 0) << page["suppressed"].dump();

  auto bad = Problem(Send("GET", "/api/v1/plan?held_back=vielleicht", analyst_), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "held_back");
  bad = Problem(Send("GET", "/api/v1/plan?held_back=true&held_back_offset=-1", analyst_), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "held_back_offset");
}

TEST_F(OperationsApiTest, ACommittedPlanIsSentFromTheServerAndLogged) {
  OptIn();
  auto committed = Ok(Send("POST", "/api/v1/plan/commit", admin_, R"({"date":"2025-12-01"})"), 201);
  const int64_t planned = committed["recorded"];
  ASSERT_GE(planned, 3);
  EXPECT_EQ(committed["by_channel"]["email"], 3);

  auto log = Ok(Send("GET", "/api/v1/plan/log?date=2025-12-01", analyst_));
  EXPECT_EQ(log["date"], "2025-12-01");
  EXPECT_EQ(log["total"], planned);
  EXPECT_EQ(log["counts"]["planned"], planned);
  EXPECT_EQ(log["counts"]["sent"], 0);
  ASSERT_EQ(log["contacts"].size(), static_cast<size_t>(planned));
  EXPECT_EQ(log["contacts"][0]["status"], "planned");
  EXPECT_TRUE(log["contacts"][0]["sent_at"].is_null());
  EXPECT_TRUE(log["next_offset"].is_null());

  // No mail server here: emails need the export.
  auto refused =
      Problem(Send("POST", "/api/v1/plan/send", admin_, R"({"date":"2025-12-01"})"), 409);
  EXPECT_EQ(refused["errors"][0]["field"], "email_export");
  EXPECT_NE(refused["detail"].get<std::string>().find("[contact.smtp]"), std::string::npos);
  Problem(Send("POST", "/api/v1/plan/send", analyst_, R"({"date":"2025-12-01"})"), 403);
  auto typo = Problem(Send("POST", "/api/v1/plan/send", admin_, R"({"email_exprt":true})"), 400);
  EXPECT_EQ(typo["errors"][0]["field"], "email_exprt");
  typo = Problem(Send("POST", "/api/v1/plan/send", admin_, R"({"email_export":"ja"})"), 400);
  EXPECT_EQ(typo["errors"][0]["field"], "email_export");

  const std::string body = R"({"date":"2025-12-01","email_export":true})";
  auto first = Send("POST", "/api/v1/plan/send", admin_, body, {{"Idempotency-Key", "send-1"}});
  auto sent = Ok(first);
  EXPECT_EQ(sent["date"], "2025-12-01");
  EXPECT_EQ(sent["sent"], 0);
  EXPECT_EQ(sent["failed"], 0);
  EXPECT_EQ(sent["deferred"], 0);
  EXPECT_EQ(sent["exported"], planned);
  int64_t listed = 0;
  for (const auto& w : sent["work_lists"]) {
    listed += w["contacts"].get<int64_t>();
    // Beside the database unless [contact.messages] work_list_dir says otherwise.
    const std::string file = w["file"];
    EXPECT_EQ(std::filesystem::path(file).parent_path(), dir_ / "work-lists") << file;
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    if (w["channel"] == "email") {
      EXPECT_EQ(w["contacts"], 3);
      const std::string text = Slurp(file);
      for (const char* id : {"C01", "C02", "C03"})
        EXPECT_NE(text.find(id), std::string::npos) << id;
    }
  }
  EXPECT_EQ(listed, planned);
  // A repeat gets the first answer; another request under the key is refused.
  auto again = Send("POST", "/api/v1/plan/send", admin_, body, {{"Idempotency-Key", "send-1"}});
  EXPECT_EQ(Ok(again), sent);
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  Problem(Send("POST", "/api/v1/plan/send", admin_, R"({"date":"2025-12-01"})",
               {{"Idempotency-Key", "send-1"}}),
          409);
  // Without a key a second run finds nothing left to do.
  auto second = Ok(Send("POST", "/api/v1/plan/send", admin_, body));
  EXPECT_EQ(second["exported"], 0);
  EXPECT_EQ(second["done_before"], planned);
  EXPECT_EQ(second["work_lists"].size(), 0u);

  log = Ok(Send("GET", "/api/v1/plan/log?date=2025-12-01&limit=2", analyst_));
  EXPECT_EQ(log["counts"]["exported"], planned);
  EXPECT_EQ(log["counts"]["planned"], 0);
  ASSERT_EQ(log["contacts"].size(), 2u);
  EXPECT_EQ(log["next_offset"], 2);
  EXPECT_EQ(log["contacts"][0]["status"], "exported");
  EXPECT_TRUE(log["contacts"][0]["sent_at"].is_string());
  Problem(Send("GET", "/api/v1/plan/log", shop_), 403);
  auto bad = Problem(Send("GET", "/api/v1/plan/log?date=morgen", analyst_), 400);
  EXPECT_EQ(bad["errors"][0]["field"], "date");

  // The customer's history, newest first.
  Ok(Send("POST", "/api/v1/orders/O1-1/problems", shop_,
          R"({"problem":"damaged","date":"2025-12-03"})"),
     201);
  auto history = Ok(Send("GET", "/api/v1/customers/C01/contacts", analyst_));
  EXPECT_EQ(history["customer_id"], "C01");
  ASSERT_EQ(history["contacts"].size(), 2u);
  EXPECT_EQ(history["total"], 2);
  const auto& problem = history["contacts"][0];
  EXPECT_EQ(problem["day"], "2025-12-03");
  EXPECT_EQ(problem["trigger"], "order_problem");
  EXPECT_EQ(problem["status"], "done");
  EXPECT_EQ(problem["reason"], "damaged");
  const auto& mail = history["contacts"][1];
  EXPECT_EQ(mail["day"], "2025-12-01");
  EXPECT_EQ(mail["channel"], "email");
  EXPECT_EQ(mail["status"], "exported");
  EXPECT_EQ(mail["template"].get<std::string>().rfind(mail["trigger"].get<std::string>() + ".", 0),
            0u)
      << mail.dump();
  EXPECT_TRUE(mail["reason"].is_string());
  EXPECT_TRUE(mail["sent_at"].is_string());
  EXPECT_TRUE(mail["error"].is_null());
  EXPECT_TRUE(mail["id"].is_number_integer());
  Problem(Send("GET", "/api/v1/customers/NOPE/contacts", analyst_), 404);
  Problem(Send("GET", "/api/v1/customers/C01/contacts", shop_), 403);
}

TEST_F(OperationsApiTest, AnUnreachableMailServerLeavesTheEmailsPlanned) {
  ServerOptions o;
  o.messages.send.message.shop.email = "service@shop.example";
  o.messages.send.from_address = "service@shop.example";
  o.messages.send.attempts = 1;
  o.messages.send.backoff_ms = 0;
  o.messages.send.per_second = 1000;
  o.messages.smtp.host = "127.0.0.1";
  o.messages.smtp.port = 9;  // discard: nothing listens
  o.messages.smtp.tls = "none";
  o.messages.smtp.timeout_seconds = 2;
  o.messages.work_list_dir = (dir_ / "lists").string();
  Restart(o);
  OptIn();
  Ok(Send("POST", "/api/v1/plan/commit", admin_, R"({"date":"2025-12-01"})"), 201);
  auto sent = Ok(Send("POST", "/api/v1/plan/send", admin_, R"({"date":"2025-12-01"})"));
  EXPECT_EQ(sent["sent"], 0);
  EXPECT_EQ(sent["deferred"], 3);
  EXPECT_FALSE(sent["deferred_reason"].get<std::string>().empty());
  for (const auto& w : sent["work_lists"]) {
    EXPECT_EQ(std::filesystem::path(w["file"].get<std::string>()).parent_path(), dir_ / "lists");
    EXPECT_NE(w["channel"], "email");
  }
  auto log = Ok(Send("GET", "/api/v1/plan/log?date=2025-12-01", analyst_));
  EXPECT_EQ(log["counts"]["planned"], 3);  // waiting for the next run
}

TEST_F(OperationsApiTest, SettingsShowWhatIsInForceButNeverAPassword) {
  ServerOptions o;
  o.contact.policy.consumer.min_gap_days = 10;
  o.contact.policy.silence_days = 45;
  o.contact.listening.complaint_risk_days = 60;
  o.loyalty.pending_days = 14;
  o.messages.send.message.public_url = "https://club.shop.example";
  o.messages.send.message.shop.name = "Schuhhaus Becker";
  o.messages.send.from_address = "service@shop.example";
  o.messages.smtp.host = "smtp.shop.example";
  o.messages.smtp.user = "service@shop.example";
  o.messages.smtp.password = "Geheim-7f3a9c";
  Restart(o);
  auto s = Ok(Send("GET", "/api/v1/settings", analyst_));
  auto r = Send("GET", "/api/v1/settings", admin_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("Geheim-7f3a9c"), std::string::npos);
  EXPECT_EQ(s["smtp"]["host"], "smtp.shop.example");
  EXPECT_EQ(s["smtp"]["port"], 587);
  EXPECT_EQ(s["smtp"]["configured"], true);
  EXPECT_EQ(s["smtp"]["password_set"], true);
  EXPECT_FALSE(s["smtp"].contains("password"));
  EXPECT_EQ(s["messages"]["public_url"], "https://club.shop.example");
  EXPECT_EQ(s["messages"]["from"], "service@shop.example");
  EXPECT_EQ(s["messages"]["from_name"], "Schuhhaus Becker");
  EXPECT_EQ(s["messages"]["work_list_dir"], (dir_ / "work-lists").string());
  EXPECT_EQ(s["contact"]["consumer"]["min_gap_days"], 10);
  EXPECT_EQ(s["contact"]["business"]["min_gap_days"], 14);
  EXPECT_EQ(s["contact"]["silence_days"], 45);
  EXPECT_EQ(s["listening"]["complaint_risk_days"], 60);
  EXPECT_EQ(s["definitions"]["window_days"], 365);
  EXPECT_EQ(s["definitions"]["existing_min_orders"], 2);
  EXPECT_EQ(s["definitions"]["kpi_period_days"], 90);
  EXPECT_EQ(s["definitions"]["high_risk_below"], 0.3);
  EXPECT_EQ(s["definitions"]["medium_risk_below"], 0.7);
  EXPECT_EQ(s["definitions"]["risk_from"], "defaults");
  EXPECT_EQ(s["loyalty"]["pending_days"], 14);
  EXPECT_EQ(s["loyalty"], Ok(Send("GET", "/api/v1/loyalty/program", analyst_)));
  Problem(Send("GET", "/api/v1/settings", shop_), 403);

  // Without a mail server.
  Restart(ServerOptions{});
  s = Ok(Send("GET", "/api/v1/settings", analyst_));
  EXPECT_EQ(s["smtp"]["configured"], false);
  EXPECT_EQ(s["smtp"]["password_set"], false);
}

}  // namespace
}  // namespace retain::api
