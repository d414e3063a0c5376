// Listening: feedback answers (NPS) tied to orders, the follow-up tasks they
// and large purchases open, and the service conversations of customers.
//
//   auto out = RecordFeedback(store, {.customer_id = "C1", .score = 4}, settings, today, now);
//   // out->task: the call-back a detractor's answer opened
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// The [listening] settings (README "Listening").
struct ListeningSettings {
  int call_back_working_days = 2;  // a detractor's call-back is due within
  // Purchases of at least this much (minor units) get a satisfaction call
  // `satisfaction_call_after_days` after the order, due within
  // `satisfaction_call_working_days`; 0 switches them off.
  int64_t satisfaction_call_min_cents = 50000;
  int satisfaction_call_after_days = 3;
  int satisfaction_call_working_days = 2;
  // A complaint this recent raises the customer's churn-risk band one step.
  int complaint_risk_days = 90;
};

// kInvalidArgument naming the first setting out of range.
core::Status Validate(const ListeningSettings& s);

// An answer given through the API or an import.
struct FeedbackInput {
  std::string customer_id;  // required
  std::string order_id;     // optional; must be the customer's
  int score = -1;           // 0..10, required
  std::string comment;
  std::optional<core::Day> day;  // default: today
  std::string external_id;       // the shop's id: the same answer twice is recorded once
  std::string sales_channel;     // default: the order's ("online" | "store")
  std::string store;             // default: the order's
  std::string via = "api";       // "api" | "import" | "email" | ...
};

struct FeedbackOutcome {
  storage::FeedbackRecord feedback;
  std::optional<storage::TaskRecord> task;  // the call-back a detractor's answer opened
  bool duplicate = false;                   // recorded before (same external id): nothing changed
};

// Inside a write transaction: checks and records an answer and opens the
// follow-up task a detractor's answer asks for. kInvalidArgument "FIELD: ..."
// for a bad field, kNotFound for an unknown customer or order.
core::Result<FeedbackOutcome> RecordFeedback(storage::Store& store, const FeedbackInput& input,
                                             const ListeningSettings& settings, core::Day today,
                                             const std::string& now);

// A survey opened from the signed link of a feedback request.
struct Survey {
  std::string customer_id, channel, language;  // language: "de" | "en"
  int64_t request_id = 0;
  std::string order_id;  // the order asked about ("" none)
  core::Day expires = 0;
  std::optional<storage::FeedbackRecord> answer;  // given already
};

// Inside a write transaction (the link key may be made): the survey of
// `token`. kInvalidArgument for a forged, altered, expired or other token;
// kNotFound when the customer was erased.
core::Result<Survey> OpenSurvey(storage::Store& store, std::string_view token, core::Day today);

// Inside a write transaction: records the answer to the survey of `token`
// (via its channel, tied to its order) and opens the follow-up task.
// kAlreadyExists when the survey was answered already; errors as OpenSurvey
// and RecordFeedback.
core::Result<FeedbackOutcome> AnswerSurvey(storage::Store& store, std::string_view token, int score,
                                           const std::string& comment,
                                           const ListeningSettings& settings, core::Day today,
                                           const std::string& now);
// The same for a survey opened (OpenSurvey) in the same transaction.
core::Result<FeedbackOutcome> AnswerSurvey(storage::Store& store, const Survey& survey, int score,
                                           const std::string& comment,
                                           const ListeningSettings& settings, core::Day today,
                                           const std::string& now);

// A survey link made by hand (for a receipt, the shop's own mail, ...).
struct SurveyLinkRequest {
  std::string customer_id;
  std::string order_id;  // optional; must be the customer's
  std::string language;  // "de" | "en"; default: the customer's
  std::string channel = "email";
  std::string public_url;  // the server's address as customers reach it
  int valid_days = 30;
};

struct SurveyLink {
  std::string url, token;
  core::Day expires = 0;
  int64_t request_id = 0;
};

// Inside a write transaction: records a feedback request for the customer
// (kind feedback_request, status "done": it is not sent by retain) and
// returns its signed link; the same request on the same day gives the same
// link. kNotFound for an unknown customer or order.
core::Result<SurveyLink> MakeSurveyLink(storage::Store& store, const SurveyLinkRequest& request,
                                        core::Day today, const std::string& now);

// --- Tasks

// Inside a write transaction: the call-back task for a detractor's answer
// (score 0..6), due within settings.call_back_working_days; nullopt for
// other scores or when it was opened before.
core::Result<std::optional<storage::TaskRecord>> OpenCallBack(
    storage::Store& store, const storage::FeedbackRecord& feedback,
    const ListeningSettings& settings, const std::string& now);

// Inside a write transaction: satisfaction-call tasks for the orders of
// `day - satisfaction_call_after_days` (and the 7 days before, so a missed
// day is caught up) worth at least the threshold, once per order. Returns
// how many were opened.
core::Result<int64_t> OpenSatisfactionCalls(storage::Store& store, core::Day day,
                                            const ListeningSettings& settings,
                                            const std::string& now);

// A task made by hand.
struct TaskInput {
  std::string customer_id;  // required
  std::string kind = "other";
  std::string reason;            // required
  std::optional<core::Day> due;  // default: 2 working days from today
  std::string assignee;
};

core::Result<storage::TaskRecord> AddTask(storage::Store& store, const TaskInput& input,
                                          core::Day today, const std::string& now);

// What changes on a task; unset fields stay.
struct TaskChange {
  std::optional<std::string> status;  // "open" | "done" | "cancelled"
  std::optional<std::string> assignee;
  std::optional<std::string> note;
  std::optional<core::Day> due;
};

// Inside a write transaction: changes task `id` (done_at set when it is done
// or cancelled, cleared when it opens again). kNotFound for an unknown task,
// kInvalidArgument "status: ..." for an unknown status.
core::Result<storage::TaskRecord> ChangeTask(storage::Store& store, int64_t id,
                                             const TaskChange& change, const std::string& now);

// --- Service conversations

inline constexpr const char* kConversationChannels[] = {"email",  "phone",  "chat", "store",
                                                        "letter", "social", "other"};

struct ConversationInput {
  std::string customer_id;  // required
  std::string channel;      // one of kConversationChannels
  std::string topic;        // required; "complaint" makes it a complaint
  std::optional<bool> complaint;
  std::string status = "open";
  std::string assignee, summary;
  std::string opened_at;  // ISO 8601; default: now (its day: the day it came in)
};

// Inside a write transaction: logs an inbound conversation. kInvalidArgument
// "FIELD: ..." for a bad field, kNotFound for an unknown customer.
core::Result<storage::ConversationRecord> OpenConversation(storage::Store& store,
                                                           const ConversationInput& input,
                                                           core::Day today, const std::string& now);

struct ConversationChange {
  std::optional<std::string> status;  // "open" | "waiting" | "closed"
  std::optional<std::string> assignee, topic;
  std::optional<bool> complaint;
  std::optional<std::string> note;  // appended to the summary, on a line of its own
  bool responded = false;           // the shop answered (first_response_at, once)
};

// Inside a write transaction: changes conversation `id`. The first answer
// (responded, or a move to waiting or closed) sets first_response_at;
// closing sets closed_at, opening again clears it. kNotFound for an unknown
// conversation.
core::Result<storage::ConversationRecord> ChangeConversation(storage::Store& store, int64_t id,
                                                             const ConversationChange& change,
                                                             const std::string& now);

core::Result<storage::ConversationRecord> FindConversation(storage::Store& store, int64_t id);

// Service figures of the conversations that came in from `from` to `to`.
struct ServiceKpis {
  int64_t opened = 0, complaints = 0, responded = 0, closed = 0;
  int64_t open_now = 0;  // not closed yet
  // Hours from coming in to the first answer / to closing (those that have one).
  std::optional<double> first_response_hours_median, first_response_hours_mean;
  std::optional<double> resolution_hours_median, resolution_hours_mean;
};

core::Result<ServiceKpis> ComputeServiceKpis(storage::Store& store, core::Day from, core::Day to);

// The churn-risk band after a recent complaint: one step higher ("low" ->
// "medium" -> "high" -> "high"; no band -> "medium").
std::string_view RaisedRiskBand(std::string_view band);

// Seconds between two ISO 8601 timestamps with offsets (b - a); nullopt when
// either is missing or has no offset.
std::optional<int64_t> SecondsBetween(std::string_view a, std::string_view b);

}  // namespace retain::app
