// Listening as stored: feedback answers (NPS), follow-up tasks for the team,
// and service conversations. Storage keeps these rows; the rules (who gets a
// task, what NPS is) live in app/. Customers are named by their external id.
#pragma once

#include <cstdint>
#include <string>

#include "retain/core/date.h"

namespace retain::storage {

// One answer to "How likely are you to recommend us?" (0..10) and a comment.
struct FeedbackRecord {
  int64_t id = 0;             // given by the store
  std::string customer_id;    // external id; the customer must exist
  std::string order_id;       // the order it is about ("" none)
  int64_t request_id = 0;     // the feedback request (interaction) answered; 0: none
  std::string external_id;    // the shop's id of an imported or posted answer ("" none)
  int score = 0;              // 0..10
  std::string comment;        // as written ("" none)
  std::string sales_channel;  // of the order: "online" | "store" | "" unknown
  std::string store;          // of the order ("" none)
  std::string via;          // how it came: "email" | "sms" | "letter" | "phone" | "import" | "api"
  core::Day day = 0;        // the day it was given
  std::string answered_at;  // ISO 8601
};

// Which answers a scan returns (every condition that is set must hold).
struct FeedbackFilter {
  std::string customer_id;     // external id ("" any)
  int64_t request_id = 0;      // (0 any)
  std::string external_id;     // ("" any)
  core::Day from = 0, to = 0;  // day range, inclusive (0 = open)
};

// Feedback requests of a period and their answers (for the response rate).
struct FeedbackRequestCounts {
  int64_t requests = 0, answered = 0;
};

// Something a person in the shop should do: call a detractor back, make a
// satisfaction call after a large purchase, ...
struct TaskRecord {
  int64_t id = 0;           // given by the store
  std::string customer_id;  // external id
  std::string kind;         // "call_back" | "satisfaction_call" | "other"
  // What it is about, so a rule opens it once: "feedback:17", "order:O-9";
  // "" for tasks made by hand (any number of them).
  std::string reference;
  std::string reason;               // in words, for the person doing it
  core::Day due = 0;                // to be done on or before this day
  std::string status;               // "open" | "done" | "cancelled"
  std::string assignee;             // who does it ("" nobody yet)
  std::string note;                 // what came of it
  std::string created_at, done_at;  // ISO 8601 UTC ("" while open)
};

struct TaskFilter {
  int64_t id = 0;           // (0 any)
  std::string customer_id;  // ("" any)
  std::string status;       // ("" any)
  std::string assignee;     // ("" any)
  std::string kind;         // ("" any)
  int64_t after_id = 0;     // ids above this, ascending
  int limit = 0;            // 0: all
};

// An inbound contact of a customer and how it was handled.
struct ConversationRecord {
  int64_t id = 0;           // given by the store
  std::string customer_id;  // external id
  std::string channel;      // "email" | "phone" | "chat" | "store" | "letter" | "social" | "other"
  std::string topic;        // what it is about, e.g. "delivery", "complaint"
  bool complaint = false;   // a complaint (quiet period, raised risk)
  std::string status;       // "open" | "waiting" | "closed"
  std::string assignee;     // ("" nobody yet)
  std::string summary;      // notes ("" none)
  core::Day day = 0;        // the day it came in
  std::string opened_at;    // ISO 8601 UTC
  std::string first_response_at, closed_at, updated_at;  // ("" not yet)
};

struct ConversationFilter {
  int64_t id = 0;           // (0 any)
  std::string customer_id;  // ("" any)
  std::string status;       // ("" any)
  std::string assignee;     // ("" any)
  bool complaints_only = false;
  core::Day from = 0, to = 0;  // the day it came in, inclusive (0 = open)
  int64_t after_id = 0;        // ids above this, ascending
  int limit = 0;               // 0: all
};

}  // namespace retain::storage
