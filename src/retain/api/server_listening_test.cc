// Listening over HTTP: the survey page behind a feedback link (its language,
// one answer per link, forged links refused), answers posted by the shop,
// NPS, follow-up tasks, service conversations and who may do what.
#include <ctime>

#include "retain/api/api_test_server.h"
#include "retain/app/link_tokens.h"
#include "retain/core/date.h"

namespace retain::api {
namespace {

class ListeningApiTest : public ApiServerTest {
 protected:
  // A survey link for `customer` made through the API; its token.
  std::string SurveyToken(const std::string& customer, const std::string& order,
                          const std::string& language) {
    json body{{"customer_id", customer}, {"language", language}};
    if (!order.empty()) body["order_id"] = order;
    auto r = Send("POST", "/api/v1/feedback/links", admin_, body.dump());
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 201) << r->body;
    auto link = json::parse(r->body);
    request_id_ = link["request_id"];
    return link["token"];
  }

  httplib::Result PostForm(const std::string& path, const std::string& form,
                           httplib::Headers headers = {}) {
    httplib::Client c("127.0.0.1", port_);
    return c.Post(path, headers, form, "application/x-www-form-urlencoded");
  }

  httplib::Result Patch(const std::string& path, const std::string& key, const std::string& body) {
    httplib::Client c("127.0.0.1", port_);
    return c.Patch(path, {{"Authorization", "Bearer " + key}}, body, "application/json");
  }

  // Every answer in the database, read directly.
  std::vector<storage::FeedbackRecord> Answers() {
    auto store = storage::OpenStore(db_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    std::vector<storage::FeedbackRecord> out;
    EXPECT_TRUE((*store)
                    ->ScanFeedback({}, [&](const storage::FeedbackRecord& f) { out.push_back(f); })
                    .ok());
    return out;
  }

  // A token signed with the database's link key.
  std::string Signed(const app::LinkClaims& claims) {
    auto store = storage::OpenStore(db_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto key = app::LinkKey(**store);
    EXPECT_TRUE((*store)->Commit().ok());
    return app::SignLink(*key, claims);
  }

  static size_t Count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  static bool Has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
  }

  int64_t request_id_ = 0;
};

// UTC time `hours_ago` hours before now, as ISO 8601.
std::string HoursAgo(int hours_ago) {
  const std::time_t t = std::time(nullptr) - hours_ago * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

TEST_F(ListeningApiTest, SurveyPageSpeaksTheLanguageOfTheLink) {
  const std::string de = SurveyToken("C01", "O1-0", "de");
  auto r = Send("GET", "/f/" + de, "");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
  const std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_TRUE(Has(csp, "default-src 'none'") && Has(csp, "form-action 'self'")) << csp;
  const std::string& page = r->body;
  EXPECT_TRUE(Has(page, "<html lang=\"de\"")) << page;
  EXPECT_TRUE(Has(page, "name=\"viewport\""));
  EXPECT_TRUE(Has(page,
                  "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen "
                  "empfehlen?"));
  EXPECT_TRUE(Has(page, "0 = unwahrscheinlich") && Has(page, "10 = äußerst wahrscheinlich"));
  EXPECT_TRUE(Has(page, "<form id=\"survey\" method=\"post\" action=\"/f/" + de + "\""));
  EXPECT_EQ(Count(page, "type=\"radio\" name=\"score\""), 11u);
  for (int v = 0; v <= 10; ++v) {
    EXPECT_TRUE(Has(page, "name=\"score\" value=\"" + std::to_string(v) + "\"")) << v;
  }
  EXPECT_TRUE(Has(page, "<textarea id=\"comment\" name=\"comment\""));
  EXPECT_TRUE(Has(page, "maxlength=\"2000\""));
  EXPECT_TRUE(Has(page, "O1-0"));  // the order it is about
  EXPECT_FALSE(Has(page, "<script"));

  const std::string en = SurveyToken("C02", "", "en");
  r = Send("GET", "/f/" + en, "");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(Has(r->body, "<html lang=\"en\""));
  EXPECT_TRUE(Has(r->body, "How likely are you to recommend us to a friend or colleague?"));
  EXPECT_TRUE(Has(r->body, "0 = not at all likely") && Has(r->body, "10 = extremely likely"));
  EXPECT_FALSE(Has(r->body, "Wie wahrscheinlich"));
  EXPECT_FALSE(Has(r->body, "id=\"order\""));  // no order on this survey
}

TEST_F(ListeningApiTest, AnAnswerIsRecordedOnceWithItsOrderAndChannel) {
  const std::string token = SurveyToken("C03", "O3-1", "de");
  auto r = PostForm("/f/" + token, "score=9&comment=Sehr+gut%2C+danke+f%C3%BCr+alles%21");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(Has(r->body, "id=\"thanks\""));
  EXPECT_TRUE(Has(r->body, "<html lang=\"de\""));
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");

  r = PostForm("/f/" + token, "score=2&comment=doch+nicht");
  EXPECT_EQ(r->status, 409);
  EXPECT_TRUE(Has(r->body, "id=\"answered\""));
  EXPECT_TRUE(Has(r->body, "Sie haben uns schon geantwortet – danke!"));
  r = Send("GET", "/f/" + token, "");
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body, "id=\"answered\""));
  EXPECT_FALSE(Has(r->body, "<form"));

  const auto answers = Answers();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].customer_id, "C03");
  EXPECT_EQ(answers[0].score, 9);
  EXPECT_EQ(answers[0].comment, "Sehr gut, danke für alles!");
  EXPECT_EQ(answers[0].order_id, "O3-1");
  EXPECT_EQ(answers[0].via, "email");
  EXPECT_EQ(answers[0].sales_channel, "online");
  EXPECT_EQ(answers[0].request_id, request_id_);
  // A promoter opens no call-back.
  r = Send("GET", "/api/v1/tasks?customer_id=C03", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(json::parse(r->body)["items"].empty());
}

TEST_F(ListeningApiTest, AMissingScoreShowsTheFormAgain) {
  const std::string token = SurveyToken("C04", "", "en");
  auto r = PostForm("/f/" + token, "comment=I+forgot+%3Cthe%3E+score");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "Please choose a value from 0 to 10.")) << r->body;
  EXPECT_TRUE(Has(r->body, "<form id=\"survey\""));
  EXPECT_TRUE(Has(r->body, "I forgot &lt;the&gt; score</textarea>"));  // kept, escaped
  r = PostForm("/f/" + token, "score=11");
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "Please choose a value from 0 to 10."));
  EXPECT_TRUE(Answers().empty());
  // Still open for the real answer.
  r = PostForm("/f/" + token, "score=10");
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body, "id=\"thanks\""));
  EXPECT_TRUE(Has(r->body, "<html lang=\"en\""));
  EXPECT_EQ(Answers().size(), 1u);
}

TEST_F(ListeningApiTest, ForgedAndForeignTokensAreRefused) {
  const std::string token = SurveyToken("C05", "", "de");
  std::string forged = token;
  forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
  auto r = Send("GET", "/f/" + forged, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "id=\"invalid\""));
  EXPECT_TRUE(Has(r->body, "Dieser Link ist ungültig"));
  EXPECT_FALSE(Has(r->body, "<form"));
  r = PostForm("/f/" + forged, "score=1&comment=x");
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "id=\"invalid\""));
  // The browser's language for a broken link.
  r = Send("GET", "/f/" + forged, "", "", {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "This link is not valid"));

  // An unsubscribe link is no survey link; an expired one is refused.
  const std::string unsubscribe =
      Signed({.purpose = "u", .customer_id = "C05", .channel = "email", .contact_id = request_id_});
  r = PostForm("/f/" + unsubscribe, "score=1");
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "id=\"invalid\""));
  const std::string expired = Signed({.purpose = "f",
                                      .customer_id = "C05",
                                      .channel = "email",
                                      .language = "de",
                                      .contact_id = request_id_,
                                      .expires = core::LocalToday() - 1});
  r = PostForm("/f/" + expired, "score=1");
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(Has(r->body, "abgelaufen"));
  EXPECT_TRUE(Answers().empty());
  r = Send("GET", "/api/v1/tasks", admin_);
  EXPECT_TRUE(json::parse(r->body)["items"].empty());
}

TEST_F(ListeningApiTest, ADetractorsAnswerOpensACallBackDueInTwoWorkingDays) {
  const std::string token = SurveyToken("C06", "O6-0", "de");
  auto r = PostForm("/f/" + token, "score=3&comment=Lieferung+kam+besch%C3%A4digt+an");
  ASSERT_EQ(r->status, 200) << r->body;
  const auto answers = Answers();
  ASSERT_EQ(answers.size(), 1u);
  r = Send("GET", "/api/v1/tasks?customer_id=C06", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto items = json::parse(r->body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "call_back");
  EXPECT_EQ(items[0]["status"], "open");
  EXPECT_EQ(items[0]["reference"], "feedback:" + std::to_string(answers[0].id));
  EXPECT_EQ(items[0]["due"], core::FormatDay(core::AddWorkingDays(core::LocalToday(), 2)));
  EXPECT_TRUE(Has(items[0]["reason"].get<std::string>(), "beschädigt")) << items[0];
}

TEST_F(ListeningApiTest, PostedFeedbackIsCheckedAndRecordedOnce) {
  auto r = Send("POST", "/api/v1/feedback", admin_, R"({"customer_id":"C05","score":11})");
  auto p = Problem(r, 400);
  EXPECT_EQ(p["errors"][0]["field"], "score");
  r = Send("POST", "/api/v1/feedback", admin_, R"({"customer_id":"NOPE","score":5})");
  p = Problem(r, 404);
  EXPECT_EQ(p["errors"][0]["field"], "customer_id");
  r = Send("POST", "/api/v1/feedback", admin_,
           R"({"customer_id":"C05","score":5,"order_id":"O1-0"})");
  p = Problem(r, 404);
  EXPECT_EQ(p["errors"][0]["field"], "order_id");
  r = Send("POST", "/api/v1/feedback", admin_, R"({"customer_id":"C05","score":5,"mood":"ok"})");
  p = Problem(r, 400);
  EXPECT_EQ(p["errors"][0]["field"], "mood");
  r = Send("POST", "/api/v1/feedback", admin_,
           R"({"customer_id":"C05","score":5,"date":"2026-02-30"})");
  p = Problem(r, 400);
  EXPECT_EQ(p["errors"][0]["field"], "date");
  EXPECT_TRUE(Answers().empty());

  const std::string answer =
      R"({"customer_id":"C05","score":2,"comment":"Lieferung zu spät","order_id":"O5-1",)"
      R"("date":"2026-01-10","external_id":"EXT-1"})";
  r = Send("POST", "/api/v1/feedback", admin_, answer);
  ASSERT_EQ(r->status, 201) << r->body;
  auto body = json::parse(r->body);
  EXPECT_EQ(body["duplicate"], false);
  EXPECT_EQ(body["feedback"]["score"], 2);
  EXPECT_EQ(body["feedback"]["group"], "detractor");
  EXPECT_EQ(body["feedback"]["order_id"], "O5-1");
  EXPECT_EQ(body["feedback"]["sales_channel"], "online");
  EXPECT_EQ(body["feedback"]["via"], "api");
  EXPECT_EQ(body["feedback"]["day"], "2026-01-10");
  ASSERT_TRUE(body["task"].is_object()) << body;
  EXPECT_EQ(body["task"]["kind"], "call_back");
  EXPECT_EQ(body["task"]["due"], "2026-01-13");  // Saturday + 2 working days
  const auto id = body["feedback"]["id"];

  r = Send("POST", "/api/v1/feedback", admin_, answer);
  ASSERT_EQ(r->status, 200) << r->body;
  body = json::parse(r->body);
  EXPECT_EQ(body["duplicate"], true);
  EXPECT_EQ(body["feedback"]["id"], id);
  EXPECT_TRUE(body["task"].is_null());
  EXPECT_EQ(Answers().size(), 1u);

  // The comment list, filtered by score.
  r = Send("GET", "/api/v1/feedback?max_score=6", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto items = json::parse(r->body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["comment"], "Lieferung zu spät");
  r = Send("GET", "/api/v1/feedback?min_score=7", analyst_);
  EXPECT_TRUE(json::parse(r->body)["items"].empty());
  r = Send("GET", "/api/v1/feedback?min_score=8&max_score=3", analyst_);
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "min_score");
  r = Send("GET", "/api/v1/feedback?limit=0", analyst_);
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "limit");
}

TEST_F(ListeningApiTest, SurveyLinksAreMadeForKnownCustomers) {
  auto r = Send("POST", "/api/v1/feedback/links", admin_,
                R"({"customer_id":"C02","order_id":"O2-1","language":"en"})");
  ASSERT_EQ(r->status, 201) << r->body;
  auto link = json::parse(r->body);
  const std::string token = link["token"];
  EXPECT_EQ(link["url"], "http://127.0.0.1:" + std::to_string(port_) + "/f/" + token);
  EXPECT_EQ(link["expires"], core::FormatDay(core::LocalToday() + 30));
  EXPECT_GT(link["request_id"].get<int64_t>(), 0);
  r = Send("POST", "/api/v1/feedback/links", admin_, R"({"customer_id":"NOPE"})");
  EXPECT_EQ(Problem(r, 404)["errors"][0]["field"], "customer_id");
  r = Send("POST", "/api/v1/feedback/links", admin_, R"({"customer_id":"C02","language":"fr"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "language");
}

TEST_F(ListeningApiTest, NpsCountsPromotersPassivesAndDetractors) {
  // January: 9 10 9 7 0 (3 promoters, 1 passive, 1 detractor: 40);
  // February: 10 9 8 7 6 (2, 2, 1: 20); together 5, 3, 2: 30.
  const std::pair<const char*, int> answers[] = {
      {"2026-01-05", 9}, {"2026-01-06", 10}, {"2026-01-07", 9}, {"2026-01-08", 7},
      {"2026-01-09", 0}, {"2026-02-02", 10}, {"2026-02-03", 9}, {"2026-02-04", 8},
      {"2026-02-05", 7}, {"2026-02-06", 6}};
  int n = 0;
  for (const auto& [day, score] : answers) {
    const json a{{"customer_id", "C0" + std::to_string(1 + n % 9)},
                 {"score", score},
                 {"date", day},
                 {"external_id", "N" + std::to_string(n++)}};
    auto r = Send("POST", "/api/v1/feedback", admin_, a.dump());
    ASSERT_EQ(r->status, 201) << r->body;
  }
  auto r = Send("GET", "/api/v1/nps?from=2026-01-01&to=2026-02-28", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto nps = json::parse(r->body);
  EXPECT_EQ(nps["answers"], 10);
  EXPECT_EQ(nps["promoters"], 5);
  EXPECT_EQ(nps["passives"], 3);
  EXPECT_EQ(nps["detractors"], 2);
  EXPECT_DOUBLE_EQ(nps["nps"].get<double>(), 30.0);
  EXPECT_TRUE(nps["by"].is_null());

  r = Send("GET", "/api/v1/nps?from=2026-01-01&to=2026-02-28&by=month", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto groups = json::parse(r->body)["groups"];
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0]["key"], "2026-01");
  EXPECT_EQ(groups[0]["promoters"], 3);
  EXPECT_DOUBLE_EQ(groups[0]["nps"].get<double>(), 40.0);
  EXPECT_EQ(groups[1]["key"], "2026-02");
  EXPECT_EQ(groups[1]["passives"], 2);
  EXPECT_DOUBLE_EQ(groups[1]["nps"].get<double>(), 20.0);

  r = Send("GET", "/api/v1/nps?from=2026-02-01&to=2026-02-28", admin_);
  EXPECT_DOUBLE_EQ(json::parse(r->body)["nps"].get<double>(), 20.0);
  r = Send("GET", "/api/v1/nps?from=2026-01-01&to=2026-02-28&by=segment", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["answers"], 10);
  r = Send("GET", "/api/v1/nps?by=weekday", analyst_);
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "by");
  r = Send("GET", "/api/v1/nps?from=2026-03-01&to=2026-02-01", analyst_);
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "from");
  r = Send("GET", "/api/v1/nps", shop_);
  EXPECT_EQ(r->status, 403);
}

TEST_F(ListeningApiTest, TasksAreAddedAssignedAndDone) {
  auto r = Send("POST", "/api/v1/tasks", admin_,
                R"({"customer_id":"C06","reason":"Rückruf wegen Lieferung","due":"2026-03-02",)"
                R"("assignee":"anna"})");
  ASSERT_EQ(r->status, 201) << r->body;
  auto task = json::parse(r->body);
  EXPECT_EQ(task["kind"], "other");
  EXPECT_EQ(task["status"], "open");
  EXPECT_EQ(task["due"], "2026-03-02");
  EXPECT_EQ(task["assignee"], "anna");
  EXPECT_TRUE(task["done_at"].is_null());
  const std::string path = "/api/v1/tasks/" + std::to_string(task["id"].get<int64_t>());

  r = Patch(path, admin_, R"({"status":"done","note":"Kundin zufrieden"})");
  ASSERT_EQ(r->status, 200) << r->body;
  task = json::parse(r->body);
  EXPECT_EQ(task["status"], "done");
  EXPECT_EQ(task["note"], "Kundin zufrieden");
  ASSERT_TRUE(task["done_at"].is_string());
  EXPECT_FALSE(task["done_at"].get<std::string>().empty());
  EXPECT_EQ(task["assignee"], "anna");  // not sent: unchanged
  r = Send("GET", "/api/v1/tasks?status=done", analyst_);
  ASSERT_EQ(json::parse(r->body)["items"].size(), 1u);
  r = Patch(path, admin_, R"({"status":"open"})");
  EXPECT_TRUE(json::parse(r->body)["done_at"].is_null());

  r = Patch(path, admin_, R"({"status":"finished"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "status");
  r = Patch(path, admin_, R"({"due":"soon"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "due");
  r = Patch("/api/v1/tasks/999999", admin_, R"({"status":"done"})");
  Problem(r, 404);
  r = Patch("/api/v1/tasks/abc", admin_, R"({"status":"done"})");
  Problem(r, 404);
  r = Send("POST", "/api/v1/tasks", admin_, R"({"customer_id":"NOPE","reason":"x"})");
  EXPECT_EQ(Problem(r, 404)["errors"][0]["field"], "customer_id");
  r = Send("POST", "/api/v1/tasks", admin_, R"({"customer_id":"C01"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "reason");

  // Pages by id.
  for (int i = 0; i < 2; ++i) {
    r = Send("POST", "/api/v1/tasks", admin_,
             R"({"customer_id":"C01","reason":"Rückfrage )" + std::to_string(i) + "\"}");
    ASSERT_EQ(r->status, 201) << r->body;
  }
  r = Send("GET", "/api/v1/tasks?limit=2", analyst_);
  auto page = json::parse(r->body);
  ASSERT_EQ(page["items"].size(), 2u);
  ASSERT_TRUE(page.contains("next_after_id"));
  r = Send("GET", "/api/v1/tasks?limit=2&after_id=" + page["next_after_id"].dump(), analyst_);
  page = json::parse(r->body);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_FALSE(page.contains("next_after_id"));
  r = Send("GET", "/api/v1/tasks?status=later", analyst_);
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "status");
}

TEST_F(ListeningApiTest, AConversationIsAnsweredAndClosed) {
  const std::string opened = HoursAgo(3);
  auto r = Send("POST", "/api/v1/conversations", admin_,
                json{{"customer_id", "C02"},
                     {"channel", "phone"},
                     {"topic", "complaint"},
                     {"summary", "Schuh nach zwei Wochen kaputt"},
                     {"opened_at", opened}}
                    .dump());
  ASSERT_EQ(r->status, 201) << r->body;
  auto c = json::parse(r->body);
  EXPECT_EQ(c["complaint"], true);
  EXPECT_EQ(c["status"], "open");
  EXPECT_TRUE(c["first_response_at"].is_null());
  const std::string path = "/api/v1/conversations/" + std::to_string(c["id"].get<int64_t>());

  r = Patch(path, admin_, R"({"responded":true,"note":"Ersatz angeboten","assignee":"ben"})");
  ASSERT_EQ(r->status, 200) << r->body;
  c = json::parse(r->body);
  ASSERT_TRUE(c["first_response_at"].is_string());
  EXPECT_TRUE(c["closed_at"].is_null());
  EXPECT_EQ(c["summary"], "Schuh nach zwei Wochen kaputt\nErsatz angeboten");
  const auto first_response = c["first_response_at"];
  r = Patch(path, admin_, R"({"status":"closed"})");
  ASSERT_EQ(r->status, 200) << r->body;
  r = Send("GET", path, analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  c = json::parse(r->body);
  EXPECT_EQ(c["status"], "closed");
  EXPECT_EQ(c["assignee"], "ben");
  EXPECT_EQ(c["first_response_at"], first_response);  // set once
  ASSERT_TRUE(c["closed_at"].is_string());

  const std::string day = c["day"];
  const core::Day d = *core::ParseDate(day);
  r = Send("GET",
           "/api/v1/service/kpis?from=" + core::FormatDay(d - 1) + "&to=" + core::FormatDay(d + 1),
           analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  auto k = json::parse(r->body);
  EXPECT_EQ(k["opened"], 1);
  EXPECT_EQ(k["complaints"], 1);
  EXPECT_EQ(k["responded"], 1);
  EXPECT_EQ(k["closed"], 1);
  EXPECT_EQ(k["open_now"], 0);
  EXPECT_NEAR(k["first_response_hours"]["median"].get<double>(), 3.0, 0.15);
  EXPECT_NEAR(k["resolution_hours"]["mean"].get<double>(), 3.0, 0.15);
  r = Send("GET", "/api/v1/service/kpis", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["to"], core::FormatDay(core::LocalToday()));

  r = Send("GET", "/api/v1/conversations?complaints=true&customer_id=C02", analyst_);
  ASSERT_EQ(json::parse(r->body)["items"].size(), 1u);
  r = Send("GET", "/api/v1/conversations?status=open", analyst_);
  EXPECT_TRUE(json::parse(r->body)["items"].empty());
  r = Send("GET", "/api/v1/conversations/999999", analyst_);
  Problem(r, 404);
  r = Send("POST", "/api/v1/conversations", admin_,
           R"({"customer_id":"C02","channel":"pigeon","topic":"x"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "channel");
  r = Send("POST", "/api/v1/conversations", admin_,
           R"({"customer_id":"C02","channel":"email","topic":"x","complaint":"yes"})");
  EXPECT_EQ(Problem(r, 400)["errors"][0]["field"], "complaint");
  r = Send("POST", "/api/v1/conversations", admin_,
           R"({"customer_id":"NOPE","channel":"email","topic":"x"})");
  EXPECT_EQ(Problem(r, 404)["errors"][0]["field"], "customer_id");
}

TEST_F(ListeningApiTest, AnalystsReadAndTheTillGetsNothing) {
  auto r = Send("POST", "/api/v1/feedback", analyst_, R"({"customer_id":"C01","score":9})");
  EXPECT_EQ(r->status, 403);
  r = Send("POST", "/api/v1/tasks", analyst_, R"({"customer_id":"C01","reason":"x"})");
  EXPECT_EQ(r->status, 403);
  r = Send("POST", "/api/v1/feedback/links", analyst_, R"({"customer_id":"C01"})");
  EXPECT_EQ(r->status, 403);
  r = Send("POST", "/api/v1/conversations", analyst_,
           R"({"customer_id":"C01","channel":"email","topic":"x"})");
  EXPECT_EQ(r->status, 403);
  r = Patch("/api/v1/tasks/1", analyst_, R"({"status":"done"})");
  EXPECT_EQ(r->status, 403);
  for (const char* path : {"/api/v1/tasks", "/api/v1/conversations", "/api/v1/feedback",
                           "/api/v1/nps", "/api/v1/service/kpis"}) {
    r = Send("GET", path, shop_);
    EXPECT_EQ(r->status, 403) << path;
    r = Send("GET", path, analyst_);
    EXPECT_EQ(r->status, 200) << path << " " << r->body;
  }
  r = Send("POST", "/api/v1/feedback", shop_, R"({"customer_id":"C01","score":9})");
  EXPECT_EQ(r->status, 403);
  r = Send("GET", "/api/v1/tasks", "");
  EXPECT_EQ(r->status, 401);
  EXPECT_TRUE(Answers().empty());
}

TEST_F(ListeningApiTest, PostedWritesHonourTheIdempotencyKey) {
  const std::string task = R"({"customer_id":"C01","reason":"Einmal anrufen"})";
  auto r = Send("POST", "/api/v1/tasks", admin_, task, {{"Idempotency-Key", "t-1"}});
  ASSERT_EQ(r->status, 201) << r->body;
  const auto id = json::parse(r->body)["id"];
  r = Send("POST", "/api/v1/tasks", admin_, task, {{"Idempotency-Key", "t-1"}});
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(r->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(json::parse(r->body)["id"], id);
  r = Send("GET", "/api/v1/tasks", analyst_);
  EXPECT_EQ(json::parse(r->body)["items"].size(), 1u);
}

}  // namespace
}  // namespace retain::api
