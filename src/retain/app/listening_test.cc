// Listening on a real store: answers and the tasks they open, survey links,
// satisfaction calls, conversations and their times, and how complaints and
// promoters reach the calendar and the segments.
#include "retain/app/listening.h"

#include <gtest/gtest.h>

#include <cmath>

#include "retain/app/contact_plan_testing.h"
#include "retain/app/link_tokens.h"
#include "retain/app/nps_report.h"
#include "retain/app/segments.h"
#include "retain/storage/write_transaction.h"

namespace retain::app {
namespace {

class ListeningTest : public ContactPlanTest {
 protected:
  std::unique_ptr<storage::Store> Open() {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    return std::move(*store);
  }
  // Runs fn in a write transaction of a fresh store; returns its result.
  template <class Fn>
  auto Write(Fn fn) {
    auto store = Open();
    decltype(fn(*store)) out = core::Err(core::Internal("not run"));
    auto s = storage::InWriteTransaction(*store, [&] {
      out = fn(*store);
      return out ? core::Status() : out.error();
    });
    (void)s;
    return out;
  }
  core::Result<FeedbackOutcome> Answer(FeedbackInput in) {
    return Write([&](storage::Store& s) {
      return RecordFeedback(s, in, settings_, D("2026-11-27"), "2026-11-27T10:00:00Z");
    });
  }
  ListeningSettings settings_;
};

TEST_F(ListeningTest, ADetractorsAnswerOpensACallBackDueInTwoWorkingDays) {
  auto out = Answer({.customer_id = "loyal",
                     .order_id = "L-2026-08-16",
                     .score = 3,
                     .comment = "Absatz nach zwei Wochen ab",
                     .day = D("2026-11-27")});  // a Friday
  ASSERT_TRUE(out.has_value()) << out.error().message();
  EXPECT_EQ(out->feedback.sales_channel, "online");
  ASSERT_TRUE(out->task.has_value());
  EXPECT_EQ(out->task->kind, "call_back");
  EXPECT_EQ(out->task->reference, "feedback:" + std::to_string(out->feedback.id));
  EXPECT_EQ(core::FormatDay(out->task->due), "2026-12-01");  // Tuesday
  EXPECT_EQ(out->task->reason, "NPS 3 (order L-2026-08-16): Absatz nach zwei Wochen ab");

  EXPECT_FALSE(Answer({.customer_id = "loyal", .score = 7})->task.has_value());  // passive
  EXPECT_FALSE(Answer({.customer_id = "loyal", .score = 9})->task.has_value());  // promoter
  EXPECT_TRUE(Answer({.customer_id = "loyal", .score = 6})->task.has_value());   // detractor
  auto tasks = Open()->ListTasks({.kind = "call_back"});
  EXPECT_EQ(tasks->size(), 2u);

  settings_.call_back_working_days = 5;
  auto later = Answer({.customer_id = "quiet", .score = 0, .day = D("2026-11-27")});
  EXPECT_EQ(core::FormatDay(later->task->due), "2026-12-04");
}

TEST_F(ListeningTest, BadAnswersAreRefusedAndChangeNothing) {
  auto bad = Answer({.customer_id = "loyal", .score = 11});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), core::Code::kInvalidArgument);
  EXPECT_TRUE(bad.error().message().starts_with("score:"));
  EXPECT_EQ(Answer({.customer_id = "nobody", .score = 5}).error().code(), core::Code::kNotFound);
  auto foreign = Answer({.customer_id = "loyal", .order_id = "Q-1", .score = 5});
  ASSERT_FALSE(foreign.has_value());
  EXPECT_TRUE(foreign.error().message().starts_with("order_id:"));
  int answers = 0;
  ASSERT_TRUE(Open()->ScanFeedback({}, [&](const auto&) { ++answers; }).ok());
  EXPECT_EQ(answers, 0);
  EXPECT_TRUE(Open()->ListTasks({})->empty());

  // The same external id twice: recorded once.
  auto first = Answer({.customer_id = "quiet", .score = 2, .external_id = "S-1"});
  auto again = Answer({.customer_id = "quiet", .score = 2, .external_id = "S-1"});
  ASSERT_TRUE(first.has_value() && again.has_value());
  EXPECT_FALSE(first->duplicate);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->feedback.id, first->feedback.id);
  EXPECT_EQ(Open()->ListTasks({})->size(), 1u);
}

TEST_F(ListeningTest, ASurveyLinkIsAnsweredOnceAndCannotBeForged) {
  auto link = Write([](storage::Store& s) {
    return MakeSurveyLink(s,
                          {.customer_id = "quiet",
                           .order_id = "Q-1",
                           .language = "en",
                           .public_url = "https://club.example.de/"},
                          D("2026-11-24"), "2026-11-24T08:00:00Z");
  });
  ASSERT_TRUE(link.has_value()) << link.error().message();
  EXPECT_EQ(link->url, "https://club.example.de/f/" + link->token);
  EXPECT_EQ(core::FormatDay(link->expires), "2026-12-24");
  // The same request the same day gives the same link.
  auto same = Write([](storage::Store& s) {
    return MakeSurveyLink(s, {.customer_id = "quiet", .order_id = "Q-1", .language = "en"},
                          D("2026-11-24"), "2026-11-24T09:00:00Z");
  });
  EXPECT_EQ(same->token, link->token);

  auto survey =
      Write([&](storage::Store& s) { return OpenSurvey(s, link->token, D("2026-11-25")); });
  ASSERT_TRUE(survey.has_value()) << survey.error().message();
  EXPECT_EQ(survey->language, "en");
  EXPECT_EQ(survey->order_id, "Q-1");
  EXPECT_FALSE(survey->answer.has_value());

  auto answer = [&](const std::string& token, int score, const char* day = "2026-11-25") {
    return Write([&](storage::Store& s) {
      return AnswerSurvey(s, token, score, "Good fit", settings_, D(day), "2026-11-25T12:00:00Z");
    });
  };
  std::string forged = link->token;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(answer(forged, 9).error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(answer(link->token, 9, "2026-12-25").error().code(), core::Code::kInvalidArgument);
  auto key = Write([](storage::Store& s) { return LinkKey(s); });
  const std::string unsubscribe = SignLink(*key, {.purpose = "u",
                                                  .customer_id = "quiet",
                                                  .channel = "email",
                                                  .contact_id = survey->request_id});
  EXPECT_EQ(answer(unsubscribe, 9).error().code(), core::Code::kInvalidArgument);

  auto first = answer(link->token, 9);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ(first->feedback.order_id, "Q-1");
  EXPECT_EQ(first->feedback.via, "email");
  EXPECT_EQ(first->feedback.sales_channel, "online");
  EXPECT_EQ(first->feedback.request_id, survey->request_id);
  EXPECT_FALSE(first->task.has_value());
  EXPECT_EQ(answer(link->token, 2).error().code(), core::Code::kAlreadyExists);
  auto reopened =
      Write([&](storage::Store& s) { return OpenSurvey(s, link->token, D("2026-11-26")); });
  ASSERT_TRUE(reopened->answer.has_value());
  EXPECT_EQ(reopened->answer->score, 9);
  int answers = 0;
  ASSERT_TRUE(Open()->ScanFeedback({}, [&](const auto&) { ++answers; }).ok());
  EXPECT_EQ(answers, 1);
}

TEST_F(ListeningTest, TheResponseRateCountsAnsweredRequestsOfThePeriod) {
  std::vector<std::string> tokens;
  for (const char* customer : {"quiet", "loyal", "late"}) {
    auto link = Write([&](storage::Store& s) {
      return MakeSurveyLink(s, {.customer_id = customer}, D("2026-11-20"), "now");
    });
    ASSERT_TRUE(link.has_value()) << link.error().message();
    tokens.push_back(link->token);
  }
  for (const auto& [token, score] : {std::pair{tokens[0], 10}, std::pair{tokens[1], 4}}) {
    ASSERT_TRUE(Write([&](storage::Store& s) {
                  return AnswerSurvey(s, token, score, "", settings_, D("2026-11-23"), "now");
                }).has_value());
  }
  // An answer that came another way counts in the score, not in the rate.
  ASSERT_TRUE(Answer({.customer_id = "quiet", .score = 9, .day = D("2026-11-22")}).has_value());
  auto store = Open();
  auto nps =
      RunNps(*store, nullptr, {.from = D("2026-11-01"), .to = D("2026-11-30")}, D("2026-11-30"));
  ASSERT_TRUE(nps.has_value()) << nps.error().message();
  EXPECT_EQ(nps->requests, 3);
  EXPECT_EQ(nps->answered_requests, 2);
  EXPECT_NEAR(*nps->response_rate, 2.0 / 3, 1e-12);
  EXPECT_EQ(nps->total.answers(), 3);
  EXPECT_NEAR(*nps->total.Score(), 100.0 / 3, 1e-12);  // 2 promoters, 1 detractor
  // Requests of another period are not counted.
  auto december =
      RunNps(*store, nullptr, {.from = D("2026-12-01"), .to = D("2026-12-31")}, D("2026-12-31"));
  EXPECT_EQ(december->requests, 0);
  EXPECT_FALSE(december->response_rate.has_value());
  EXPECT_FALSE(december->total.Score().has_value());
}

TEST_F(ListeningTest, LargePurchasesGetASatisfactionCallOnce) {
  settings_.satisfaction_call_min_cents = 4000;  // the test shop's orders are 50.00
  auto opened = Write([&](storage::Store& s) {
    return OpenSatisfactionCalls(s, D("2026-11-25"), settings_, "2026-11-25T06:00:00Z");
  });
  ASSERT_TRUE(opened.has_value()) << opened.error().message();
  EXPECT_EQ(*opened, 2);  // Q-1 (11-22) and O-2 (11-20): within the week up to 3 days ago
  auto tasks = Open()->ListTasks({.kind = "satisfaction_call"});
  ASSERT_EQ(tasks->size(), 2u);
  EXPECT_EQ(core::FormatDay((*tasks)[0].due), "2026-11-27");
  EXPECT_NE((*tasks)[0].reason.find("50.00"), std::string::npos);
  auto again = Write([&](storage::Store& s) {
    return OpenSatisfactionCalls(s, D("2026-11-26"), settings_, "2026-11-26T06:00:00Z");
  });
  EXPECT_EQ(*again, 0);
  settings_.satisfaction_call_min_cents = 5001;
  auto none = Write([&](storage::Store& s) {
    return OpenSatisfactionCalls(s, D("2026-11-27"), settings_, "2026-11-27T06:00:00Z");
  });
  EXPECT_EQ(*none, 0);
}

TEST_F(ListeningTest, TasksAreDoneAssignedAndReopened) {
  auto t = Write([](storage::Store& s) {
    return AddTask(s, {.customer_id = "loyal", .reason = "Rückruf wegen Größe"}, D("2026-11-27"),
                   "2026-11-27T10:00:00Z");
  });
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(core::FormatDay(t->due), "2026-12-01");
  auto change = [&](TaskChange c) {
    return Write(
        [&](storage::Store& s) { return ChangeTask(s, t->id, c, "2026-11-30T09:00:00Z"); });
  };
  EXPECT_EQ(change({.assignee = "anna"})->assignee, "anna");
  auto done = change({.status = "done", .note = "Umtausch vereinbart"});
  EXPECT_EQ(done->done_at, "2026-11-30T09:00:00Z");
  EXPECT_EQ(done->assignee, "anna");
  EXPECT_EQ(change({.status = "open"})->done_at, "");
  EXPECT_EQ(change({.status = "later"}).error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(Write([](storage::Store& s) { return ChangeTask(s, 999, {.status = "done"}, "x"); })
                .error()
                .code(),
            core::Code::kNotFound);
}

TEST_F(ListeningTest, ConversationTimesAndServiceFigures) {
  auto c = Write([](storage::Store& s) {
    return OpenConversation(s,
                            {.customer_id = "late",
                             .channel = "phone",
                             .topic = "delivery",
                             .opened_at = "2026-11-24T09:00:00+01:00"},
                            D("2026-11-24"), "2026-11-24T08:01:00Z");
  });
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(core::FormatDay(c->day), "2026-11-24");
  EXPECT_FALSE(c->complaint);
  auto change = [&](ConversationChange ch, const char* now) {
    return Write([&](storage::Store& s) { return ChangeConversation(s, c->id, ch, now); });
  };
  auto answered =
      change({.note = "Paket ist unterwegs", .responded = true}, "2026-11-24T10:30:00Z");
  EXPECT_EQ(answered->first_response_at, "2026-11-24T10:30:00Z");
  EXPECT_EQ(answered->summary, "Paket ist unterwegs");
  // A later answer does not move the first response.
  change({.responded = true}, "2026-11-24T11:00:00Z");
  auto closed = change({.status = "closed", .note = "angekommen"}, "2026-11-25T08:00:00Z");
  EXPECT_EQ(closed->first_response_at, "2026-11-24T10:30:00Z");
  EXPECT_EQ(closed->closed_at, "2026-11-25T08:00:00Z");
  EXPECT_EQ(closed->summary, "Paket ist unterwegs\nangekommen");
  // A second, open one; a complaint by its topic.
  auto complaint = Write([](storage::Store& s) {
    return OpenConversation(s, {.customer_id = "loyal", .channel = "email", .topic = "complaint"},
                            D("2026-11-25"), "2026-11-25T09:00:00Z");
  });
  EXPECT_TRUE(complaint->complaint);
  EXPECT_EQ(Write([](storage::Store& s) {
              return OpenConversation(s, {.customer_id = "loyal", .channel = "fax", .topic = "x"},
                                      D("2026-11-25"), "x");
            })
                .error()
                .message()
                .substr(0, 8),
            "channel:");

  auto store = Open();
  auto k = ComputeServiceKpis(*store, D("2026-11-01"), D("2026-11-30"));
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->opened, 2);
  EXPECT_EQ(k->complaints, 1);
  EXPECT_EQ(k->closed, 1);
  EXPECT_EQ(k->open_now, 1);
  EXPECT_EQ(k->responded, 1);
  EXPECT_DOUBLE_EQ(*k->first_response_hours_median, 2.5);  // 08:00Z -> 10:30Z
  EXPECT_DOUBLE_EQ(*k->resolution_hours_median, 24.0);
  EXPECT_EQ(*SecondsBetween("2026-11-24T09:00:00+01:00", "2026-11-24T08:30:00Z"), 30 * 60);
  EXPECT_FALSE(SecondsBetween("2026-11-24T09:00:00", "2026-11-24T08:30:00Z").has_value());
}

TEST_F(ListeningTest, AComplaintQuietsTheCalendarAndRaisesTheRisk) {
  const PlanEntry* before = Find(Plan("2026-11-24"), "loyal");
  ASSERT_NE(before, nullptr);  // win-back
  ASSERT_TRUE(Write([](storage::Store& s) {
                return OpenConversation(s,
                                        {.customer_id = "loyal",
                                         .channel = "phone",
                                         .topic = "Beschwerde",
                                         .opened_at = "2026-11-23T15:00:00+01:00"},
                                        D("2026-11-23"), "2026-11-23T14:00:00Z");
              }).has_value());
  const PlanReport plan = Plan("2026-11-24");
  EXPECT_EQ(Find(plan, "loyal"), nullptr);
  EXPECT_GE(plan.suppressed.at("quiet_period"), 1);

  auto session = OpenAnalytics(path_);
  auto table = LoadCustomerTable(*session, D("2026-11-24"));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(RaisedRiskBand(""), "medium");  // no forecast
  EXPECT_EQ(RaisedRiskBand("low"), "medium");
  EXPECT_EQ(RaisedRiskBand("medium"), "high");
  EXPECT_EQ(RaisedRiskBand("high"), "high");
  auto match = MatchSegment(session->snapshot, *table,
                            "complaints >= 1 and days_since_complaint <= 7 and risk = \"medium\"");
  ASSERT_TRUE(match.has_value()) << match.error().message();
  ASSERT_EQ(match->members.size(), 1u);
  EXPECT_EQ(session->snapshot.customer_ids[match->members[0]], "loyal");
}

TEST_F(ListeningTest, APromoterIsInvitedToReviewThroughTheCalendar) {
  auto out = Answer({.customer_id = "loyal", .score = 10, .day = D("2026-11-20")});
  ASSERT_TRUE(out.has_value());
  const PlanReport plan = Plan("2026-11-24");
  const PlanEntry* loyal = Find(plan, "loyal");
  ASSERT_NE(loyal, nullptr);
  EXPECT_EQ(loyal->contact.proposal.trigger, contact::Trigger::kReviewInvitation);
  EXPECT_EQ(loyal->contact.proposal.reference, "feedback:" + std::to_string(out->feedback.id));
  EXPECT_EQ(loyal->template_name, "review_invitation.de-sie");
  Commit(plan);
  // Once: the next days bring no second invitation for the same answer.
  for (const char* day : {"2026-12-02", "2026-12-03"}) {
    const PlanEntry* next = Find(Plan(day), "loyal");
    if (next) {
      EXPECT_NE(next->contact.proposal.trigger, contact::Trigger::kReviewInvitation);
    }
  }

  auto session = OpenAnalytics(path_);
  auto table = LoadCustomerTable(*session, D("2026-11-24"));
  auto match = MatchSegment(session->snapshot, *table, "nps_score >= 9 and nps_answers = 1");
  ASSERT_TRUE(match.has_value()) << match.error().message();
  ASSERT_EQ(match->members.size(), 1u);
  EXPECT_EQ(session->snapshot.customer_ids[match->members[0]], "loyal");
}

}  // namespace
}  // namespace retain::app
