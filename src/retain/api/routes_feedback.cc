// Feedback: the survey page behind a feedback link (/f/{token}, no key),
// answers posted by the shop, the comment list, survey links made by hand,
// and the Net Promoter Score.
#include <memory>

#include "retain/api/current_data.h"
#include "retain/api/json_fields.h"
#include "retain/api/listening_call.h"
#include "retain/api/routes.h"
#include "retain/api/survey_page.h"
#include "retain/app/listening.h"
#include "retain/app/listening_json.h"
#include "retain/app/nps_report.h"

namespace retain::api {
namespace {

using ojson = nlohmann::ordered_json;

// What a visit to the survey came to, filled in by the write job.
struct Visit {
  enum Kind { kForm, kAskScore, kThanks, kAnswered, kInvalid, kExpired } kind = kInvalid;
  std::string language, order_id;
};

// Opens the survey of `token` inside the write job and notes in `visit`
// what the page shows; nullopt when the link is not valid.
core::Result<std::optional<app::Survey>> Open(storage::Store& s, const std::string& token,
                                              core::Day today, Visit& visit) {
  auto survey = app::OpenSurvey(s, token, today);
  if (!survey) {
    const auto code = survey.error().code();
    if (code != core::Code::kInvalidArgument && code != core::Code::kNotFound) {
      return core::Err(survey.error());
    }
    visit.kind = survey.error().message().find("expired") != std::string::npos ? Visit::kExpired
                                                                               : Visit::kInvalid;
    return std::optional<app::Survey>();
  }
  visit.language = survey->language;
  visit.order_id = survey->order_id;
  if (survey->answer) visit.kind = Visit::kAnswered;
  return std::optional<app::Survey>(std::move(*survey));
}

// The page for a visit: invalid links in the browser's language, the rest
// in the link's.
Reply VisitPage(const Visit& v, Call& call, const std::string& comment) {
  const std::string browser = BrowserLanguage(call.Header("Accept-Language"));
  switch (v.kind) {
    case Visit::kForm:
    case Visit::kAskScore:
      return SurveyReply(v.kind == Visit::kForm ? 200 : 400,
                         SurveyFormHtml({.language = v.language,
                                         .token = call.Param("token"),
                                         .order_id = v.order_id,
                                         .comment = comment,
                                         .ask_score = v.kind == Visit::kAskScore}));
    case Visit::kThanks:
      return SurveyReply(200, SurveyNoticeHtml(SurveyNotice::kThanks, v.language));
    case Visit::kAnswered:
      return SurveyReply(call.Method() == "POST" ? 409 : 200,
                         SurveyNoticeHtml(SurveyNotice::kAnswered, v.language));
    case Visit::kExpired:
      return SurveyReply(400, SurveyNoticeHtml(SurveyNotice::kExpired, browser));
    case Visit::kInvalid:
      break;
  }
  return SurveyReply(400, SurveyNoticeHtml(SurveyNotice::kInvalid, browser));
}

Reply GetSurvey(Call& call) {
  const std::string token = call.Param("token");
  auto visit = std::make_shared<Visit>();
  // A write: the first link ever opened may store the database's link key.
  auto answer = call.services().writes.SubmitOnce(
      {}, [token, visit](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto survey = Open(s, token, core::LocalToday(), *visit);
        if (!survey) return core::Err(survey.error());
        if (*survey && !(*survey)->answer) visit->kind = Visit::kForm;
        return app::WriteAnswer{200, ""};
      });
  if (!answer) return Fail(answer.error());
  return VisitPage(*visit, call, "");
}

Reply PostSurvey(Call& call) {
  const std::string token = call.Param("token");
  const SurveyAnswer form = ParseSurveyAnswer(call.Body());
  const app::ListeningSettings settings = call.services().contact->listening;
  auto visit = std::make_shared<Visit>();
  auto answer = call.services().writes.SubmitOnce(
      {}, [token, form, settings, visit](storage::Store& s) -> core::Result<app::WriteAnswer> {
        const core::Day today = core::LocalToday();
        auto survey = Open(s, token, today, *visit);
        if (!survey) return core::Err(survey.error());
        if (!*survey || (*survey)->answer) return app::WriteAnswer{400, ""};
        if (!form.score) {
          visit->kind = Visit::kAskScore;
          return app::WriteAnswer{400, ""};
        }
        auto out = app::AnswerSurvey(s, **survey, *form.score, form.comment, settings, today,
                                     core::UtcNowIso());
        if (!out) {
          if (out.error().code() != core::Code::kAlreadyExists) return core::Err(out.error());
          visit->kind = Visit::kAnswered;
          return app::WriteAnswer{409, ""};
        }
        visit->kind = Visit::kThanks;
        return app::WriteAnswer{200, ""};
      });
  if (!answer) return Fail(answer.error());
  return VisitPage(*visit, call, form.comment);
}

// "online" | "store" | "" for a sales channel as given.
bool KnownSalesChannel(const std::string& c) { return c.empty() || c == "online" || c == "store"; }

Reply PostFeedback(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::FeedbackInput in;
  int64_t score = -1;
  std::string date;
  f.Text("customer_id", in.customer_id, true, 200);
  f.Int("score", score, true, 0, 10);
  f.Text("comment", in.comment, false, 10000);
  f.Text("order_id", in.order_id, false, 200);
  f.Text("date", date, false, 20);
  f.Text("external_id", in.external_id, false, 200);
  f.Text("sales_channel", in.sales_channel, false, 20);
  f.Text("store", in.store, false, 200);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  in.score = static_cast<int>(score);
  if (!KnownSalesChannel(in.sales_channel)) {
    return Fail(InvalidField("sales_channel", "must be online or store"));
  }
  if (!date.empty()) {
    auto d = core::ParseDate(date);
    if (!d) return FailField("date", d.error());
    in.day = *d;
  }
  in.via = "api";
  const app::ListeningSettings settings = call.services().contact->listening;
  return WriteNamingField(
      call, [in, settings](storage::Store& s) -> core::Result<app::WriteAnswer> {
        const core::Day today = core::LocalToday();
        auto out = app::RecordFeedback(s, in, settings, today, core::UtcNowIso());
        if (!out) return core::Err(out.error());
        ojson answer{{"feedback", app::FeedbackJson(out->feedback)},
                     {"task", out->task ? app::TaskJson(*out->task, today) : ojson(nullptr)},
                     {"duplicate", out->duplicate}};
        return app::WriteAnswer{out->duplicate ? 200 : 201, answer.dump()};
      });
}

Reply GetFeedback(Call& call) {
  app::CommentRequest r;
  auto from = DayQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = DayQuery(call, "to");
  if (!to) return FailField("to", to.error());
  auto min = IntQuery(call, "min_score", 0, 10);
  if (!min) return FailField("min_score", min.error());
  auto max = IntQuery(call, "max_score", 0, 10);
  if (!max) return FailField("max_score", max.error());
  auto limit = PageLimit(call);
  if (!limit) return limit.error();
  r.from = *from;
  r.to = *to;
  r.min_score = static_cast<int>(min->value_or(0));
  r.max_score = static_cast<int>(max->value_or(10));
  if (r.min_score > r.max_score) {
    return Fail(InvalidField("min_score", "must not be above max_score"));
  }
  r.customer_id = call.Query("customer_id").value_or("");
  r.limit = *limit;
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto list = app::FeedbackComments(**store, r);
  if (!list) return FailNamingField(list.error());
  auto items = ojson::array();
  for (const auto& f : *list) items.push_back(app::FeedbackJson(f));
  return Json(ojson{{"items", std::move(items)}});
}

// The address customers reach this server at: the Host the request came to
// (https when a proxy in front says so).
std::string PublicUrl(Call& call) {
  if (!call.services().public_url.empty()) return call.services().public_url;
  std::string host = call.Header("Host");
  if (host.empty()) host = "localhost";
  const std::string proto = call.Header("X-Forwarded-Proto");
  return (proto == "https" ? "https://" : "http://") + host;
}

Reply PostSurveyLink(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  Fields f(*body, "");
  app::SurveyLinkRequest r;
  f.Text("customer_id", r.customer_id, true, 200);
  f.Text("order_id", r.order_id, false, 200);
  f.Text("language", r.language, false, 10);
  f.Text("channel", r.channel, false, 20);
  f.NoOthers();
  if (f.failed()) return Fail(f.problem());
  if (r.channel.empty()) r.channel = "email";
  r.public_url = PublicUrl(call);
  r.valid_days = call.services().feedback_valid_days;
  return WriteNamingField(call, [r](storage::Store& s) -> core::Result<app::WriteAnswer> {
    auto link = app::MakeSurveyLink(s, r, core::LocalToday(), core::UtcNowIso());
    if (!link) return core::Err(link.error());
    ojson answer{{"url", link->url},
                 {"token", link->token},
                 {"expires", core::FormatDay(link->expires)},
                 {"request_id", link->request_id}};
    return app::WriteAnswer{201, answer.dump()};
  });
}

Reply GetNps(Call& call) {
  app::NpsRequest r;
  auto from = DayQuery(call, "from");
  if (!from) return FailField("from", from.error());
  auto to = DayQuery(call, "to");
  if (!to) return FailField("to", to.error());
  r.from = *from;
  r.to = *to;
  r.by = call.Query("by").value_or("");
  storage::Store* store = nullptr;
  std::shared_ptr<const app::AnalyticsView> view;  // only by segment needs it
  if (r.by == "segment") {
    auto data = LoadCurrentData(call);
    if (!data) return data.error();
    store = data->store;
    view = std::move(data->view);
  } else {
    auto s = call.Store();
    if (!s) return Fail(s.error());
    store = *s;
  }
  auto report = app::RunNps(*store, view ? &view->snapshot : nullptr, r, core::LocalToday());
  if (!report) return FailNamingField(report.error());
  return Json(app::NpsJson(*report));
}

}  // namespace

void AddFeedbackRoutes(Router& router) {
  router.Add("GET", "/f/{token}", Access::Public(), GetSurvey);
  router.Add("POST", "/f/{token}", Access::Public(), PostSurvey);
  router.Add("POST", "/api/v1/feedback", Access::AdminOnly(), PostFeedback);
  router.Add("GET", "/api/v1/feedback", Access::Read(), GetFeedback);
  router.Add("POST", "/api/v1/feedback/links", Access::AdminOnly(), PostSurveyLink);
  router.Add("GET", "/api/v1/nps", Access::Read(), GetNps);
}

}  // namespace retain::api
