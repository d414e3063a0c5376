// The SQL of the listening tables (feedback, tasks, conversations), shared by
// both backends: statements with numbered parameters (?1, ?2, ...; the
// PostgreSQL backend writes them $1, $2, ...), built from fixed fragments so
// values are always bound, never spliced into the text.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "retain/storage/listening_records.h"

namespace retain::storage {

// A statement and the values of its parameters, in order.
struct SqlQuery {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> params;
};

// `sql` with every ?N written $N (PostgreSQL's parameters).
std::string DollarParams(const std::string& sql);

// Inserts: ?1 is the customer's internal id; each ends "RETURNING id" and
// returns no row when a unique key is taken (ON CONFLICT DO NOTHING).
SqlQuery InsertFeedback(int64_t customer, const FeedbackRecord& f);
SqlQuery InsertTask(int64_t customer, const TaskRecord& t);
SqlQuery InsertConversation(int64_t customer, const ConversationRecord& c);

// Updates of the changeable fields by id; each ends "RETURNING id".
SqlQuery UpdateTaskSql(const TaskRecord& t);
SqlQuery UpdateConversationSql(const ConversationRecord& c);

// Two columns: the feedback requests of days ?1..?2 that went out, and how
// many of them have an answer.
inline constexpr const char* kCountFeedbackRequestsSql =
    "SELECT count(*), count(f.id) FROM interactions i LEFT JOIN feedback f "
    "ON f.request_id = i.id WHERE i.day BETWEEN ?1 AND ?2 AND i.kind = 'feedback_request' "
    "AND i.status IN ('sent', 'exported', 'done')";

// Selects whose rows the *FromRow functions below read.
SqlQuery SelectFeedback(const FeedbackFilter& f);
SqlQuery SelectTasks(const TaskFilter& f);
SqlQuery SelectConversations(const ConversationFilter& f);

// Decoders of a selected row; Row has Text(col) and Int(col).
template <class Row>
FeedbackRecord FeedbackFromRow(const Row& r) {
  FeedbackRecord f;
  f.id = r.Int(0);
  f.customer_id = r.Text(1);
  f.order_id = r.Text(2);
  f.request_id = r.Int(3);
  f.external_id = r.Text(4);
  f.score = static_cast<int>(r.Int(5));
  f.comment = r.Text(6);
  f.sales_channel = r.Text(7);
  f.store = r.Text(8);
  f.via = r.Text(9);
  f.day = static_cast<core::Day>(r.Int(10));
  f.answered_at = r.Text(11);
  return f;
}

template <class Row>
TaskRecord TaskFromRow(const Row& r) {
  TaskRecord t;
  t.id = r.Int(0);
  t.customer_id = r.Text(1);
  t.kind = r.Text(2);
  t.reference = r.Text(3);
  t.reason = r.Text(4);
  t.due = static_cast<core::Day>(r.Int(5));
  t.status = r.Text(6);
  t.assignee = r.Text(7);
  t.note = r.Text(8);
  t.created_at = r.Text(9);
  t.done_at = r.Text(10);
  return t;
}

template <class Row>
ConversationRecord ConversationFromRow(const Row& r) {
  ConversationRecord c;
  c.id = r.Int(0);
  c.customer_id = r.Text(1);
  c.channel = r.Text(2);
  c.topic = r.Text(3);
  c.complaint = r.Int(4) != 0;
  c.status = r.Text(5);
  c.assignee = r.Text(6);
  c.summary = r.Text(7);
  c.day = static_cast<core::Day>(r.Int(8));
  c.opened_at = r.Text(9);
  c.first_response_at = r.Text(10);
  c.closed_at = r.Text(11);
  c.updated_at = r.Text(12);
  return c;
}

// The statements that empty an erased customer's comments and notes (?1:
// their internal id).
inline constexpr const char* kEraseListeningSql[] = {
    "UPDATE feedback SET comment = '' WHERE customer_id = ?1",
    "UPDATE tasks SET reason = '', note = '' WHERE customer_id = ?1",
    "UPDATE conversations SET summary = '' WHERE customer_id = ?1"};

}  // namespace retain::storage
