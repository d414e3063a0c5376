#include "retain/storage/listening_sql.h"

#include <cctype>

namespace retain::storage {
namespace {

// Appends conditions joined by AND, numbering the parameters as they come.
class Where {
 public:
  explicit Where(SqlQuery& q) : q_(q) {}
  // `condition` with each '?' the next parameter, bound to `value`.
  template <class V>
  Where& Add(const char* condition, V value) {
    q_.sql += first_ ? " WHERE " : " AND ";
    first_ = false;
    q_.params.emplace_back(std::move(value));
    const std::string n = "?" + std::to_string(q_.params.size());
    for (const char* c = condition; *c; ++c) {
      if (*c == '?') {
        q_.sql += n;
      } else {
        q_.sql += *c;
      }
    }
    return *this;
  }
  // Ends with ORDER BY `order` and, with limit > 0, LIMIT.
  void End(const char* order, int limit) {
    q_.sql += " ORDER BY ";
    q_.sql += order;
    if (limit > 0) {
      q_.params.emplace_back(int64_t{limit});
      q_.sql += " LIMIT ?" + std::to_string(q_.params.size());
    }
  }

 private:
  SqlQuery& q_;
  bool first_ = true;
};

}  // namespace

std::string DollarParams(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '?' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) out[i] = '$';
  }
  return out;
}

SqlQuery InsertFeedback(int64_t customer, const FeedbackRecord& f) {
  return {
      "INSERT INTO feedback(customer_id, order_id, request_id, external_id, score, comment, "
      "sales_channel, store, via, day, answered_at) VALUES (?1, ?2, NULLIF(?3, 0), "
      "NULLIF(?4, ''), ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING RETURNING id",
      {customer, f.order_id, f.request_id, f.external_id, int64_t{f.score}, f.comment,
       f.sales_channel, f.store, f.via, int64_t{f.day}, f.answered_at}};
}

SqlQuery InsertTask(int64_t customer, const TaskRecord& t) {
  return {
      "INSERT INTO tasks(customer_id, kind, reference, reason, due, status, assignee, note, "
      "created_at, done_at) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT DO NOTHING RETURNING id",
      {customer, t.kind, t.reference, t.reason, int64_t{t.due}, t.status, t.assignee, t.note,
       t.created_at, t.done_at}};
}

SqlQuery InsertConversation(int64_t customer, const ConversationRecord& c) {
  return {
      "INSERT INTO conversations(customer_id, channel, topic, complaint, status, assignee, "
      "summary, day, opened_at, first_response_at, closed_at, updated_at) VALUES (?1, ?2, "
      "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
      {customer, c.channel, c.topic, int64_t{c.complaint ? 1 : 0}, c.status, c.assignee, c.summary,
       int64_t{c.day}, c.opened_at, c.first_response_at, c.closed_at, c.updated_at}};
}

SqlQuery UpdateTaskSql(const TaskRecord& t) {
  return {
      "UPDATE tasks SET status = ?2, assignee = ?3, note = ?4, due = ?5, done_at = ?6 "
      "WHERE id = ?1 RETURNING id",
      {t.id, t.status, t.assignee, t.note, int64_t{t.due}, t.done_at}};
}

SqlQuery UpdateConversationSql(const ConversationRecord& c) {
  return {
      "UPDATE conversations SET topic = ?2, complaint = ?3, status = ?4, assignee = ?5, "
      "summary = ?6, first_response_at = ?7, closed_at = ?8, updated_at = ?9 "
      "WHERE id = ?1 RETURNING id",
      {c.id, c.topic, int64_t{c.complaint ? 1 : 0}, c.status, c.assignee, c.summary,
       c.first_response_at, c.closed_at, c.updated_at}};
}

SqlQuery SelectFeedback(const FeedbackFilter& f) {
  SqlQuery q{
      "SELECT f.id, c.external_id, f.order_id, COALESCE(f.request_id, 0), "
      "COALESCE(f.external_id, ''), f.score, f.comment, f.sales_channel, f.store, f.via, "
      "f.day, f.answered_at FROM feedback f JOIN customers c ON c.id = f.customer_id",
      {}};
  Where w(q);
  if (!f.customer_id.empty()) w.Add("c.external_id = ?", f.customer_id);
  if (f.request_id != 0) w.Add("f.request_id = ?", f.request_id);
  if (!f.external_id.empty()) w.Add("f.external_id = ?", f.external_id);
  if (f.from != 0) w.Add("f.day >= ?", int64_t{f.from});
  if (f.to != 0) w.Add("f.day <= ?", int64_t{f.to});
  w.End("f.day, f.id", 0);
  return q;
}

SqlQuery SelectTasks(const TaskFilter& f) {
  SqlQuery q{
      "SELECT t.id, c.external_id, t.kind, COALESCE(t.reference, ''), t.reason, t.due, "
      "t.status, t.assignee, t.note, t.created_at, t.done_at FROM tasks t "
      "JOIN customers c ON c.id = t.customer_id",
      {}};
  Where w(q);
  if (f.id != 0) w.Add("t.id = ?", f.id);
  if (!f.customer_id.empty()) w.Add("c.external_id = ?", f.customer_id);
  if (!f.status.empty()) w.Add("t.status = ?", f.status);
  if (!f.assignee.empty()) w.Add("t.assignee = ?", f.assignee);
  if (!f.kind.empty()) w.Add("t.kind = ?", f.kind);
  if (f.after_id != 0) w.Add("t.id > ?", f.after_id);
  w.End("t.id", f.limit);
  return q;
}

SqlQuery SelectConversations(const ConversationFilter& f) {
  SqlQuery q{
      "SELECT v.id, c.external_id, v.channel, v.topic, v.complaint, v.status, v.assignee, "
      "v.summary, v.day, v.opened_at, v.first_response_at, v.closed_at, v.updated_at "
      "FROM conversations v JOIN customers c ON c.id = v.customer_id",
      {}};
  Where w(q);
  if (f.id != 0) w.Add("v.id = ?", f.id);
  if (!f.customer_id.empty()) w.Add("c.external_id = ?", f.customer_id);
  if (!f.status.empty()) w.Add("v.status = ?", f.status);
  if (!f.assignee.empty()) w.Add("v.assignee = ?", f.assignee);
  if (f.complaints_only) w.Add("v.complaint = ?", int64_t{1});
  if (f.from != 0) w.Add("v.day >= ?", int64_t{f.from});
  if (f.to != 0) w.Add("v.day <= ?", int64_t{f.to});
  if (f.after_id != 0) w.Add("v.id > ?", f.after_id);
  w.End("v.id", f.limit);
  return q;
}

}  // namespace retain::storage
