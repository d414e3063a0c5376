// Listening storage of PgStore: feedback answers, follow-up tasks and
// service conversations (the SQL is shared with SQLite: listening_sql.h).
#include "retain/storage/listening_sql.h"
#include "retain/storage/postgres/pg_store.h"

namespace retain::storage::postgres {
namespace {

// One row of a result, as the shared decoders read it.
struct Row {
  const Rows& rows;
  int row;
  std::string Text(int col) const { return rows.Text(row, col); }
  int64_t Int(int col) const { return rows.Int(row, col); }
};

Params ParamsOf(const SqlQuery& q) {
  Params p;
  for (const auto& v : q.params) {
    if (const auto* n = std::get_if<int64_t>(&v)) {
      p.Add(*n);
    } else {
      p.Add(std::string_view(std::get<std::string>(v)));
    }
  }
  return p;
}

Result<Rows> Run(Connection& db, const SqlQuery& q) {
  return db.Query(DollarParams(q.sql), ParamsOf(q));
}

// Runs `q` and returns the id of the row it returned; nullopt when none.
Result<std::optional<int64_t>> ReturnedId(Connection& db, const SqlQuery& q) {
  auto rows = Run(db, q);
  if (!rows) return core::Err(rows.error());
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->Int(0, 0));
}

Status EachSelected(Connection& db, const SqlQuery& q, const std::function<void(const Row&)>& fn) {
  return db.Stream(DollarParams(q.sql), ParamsOf(q), [&](const Rows& r) { fn(Row{r, 0}); });
}

}  // namespace

Result<int64_t> PgStore::SaveFeedback(const FeedbackRecord& f) {
  auto customer = RequireCustomerId(f.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(*db_, InsertFeedback(*customer, f));
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::AlreadyExists("this feedback is recorded already"));
  return **id;
}

Status PgStore::ScanFeedback(const FeedbackFilter& filter,
                             const std::function<void(const FeedbackRecord&)>& fn) {
  return EachSelected(*db_, SelectFeedback(filter), [&](const Row& r) { fn(FeedbackFromRow(r)); });
}

Result<FeedbackRequestCounts> PgStore::CountFeedbackRequests(core::Day from, core::Day to) {
  auto rows = Run(*db_, {kCountFeedbackRequestsSql, {int64_t{from}, int64_t{to}}});
  if (!rows) return core::Err(rows.error());
  return FeedbackRequestCounts{rows->Int(0, 0), rows->Int(0, 1)};
}

Result<int64_t> PgStore::SaveTask(const TaskRecord& t) {
  auto customer = RequireCustomerId(t.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(*db_, InsertTask(*customer, t));
  if (!id) return core::Err(id.error());
  if (!*id) {
    return core::Err(core::AlreadyExists("a " + t.kind + " task for " + t.reference + " exists"));
  }
  return **id;
}

Result<bool> PgStore::UpdateTask(const TaskRecord& t) {
  auto id = ReturnedId(*db_, UpdateTaskSql(t));
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Result<std::vector<TaskRecord>> PgStore::ListTasks(const TaskFilter& filter) {
  auto rows = Run(*db_, SelectTasks(filter));
  if (!rows) return core::Err(rows.error());
  std::vector<TaskRecord> out;
  for (int r = 0; r < rows->size(); ++r) out.push_back(TaskFromRow(Row{*rows, r}));
  return out;
}

Result<int64_t> PgStore::SaveConversation(const ConversationRecord& c) {
  auto customer = RequireCustomerId(c.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(*db_, InsertConversation(*customer, c));
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::Internal("the conversation was not recorded"));
  return **id;
}

Result<bool> PgStore::UpdateConversation(const ConversationRecord& c) {
  auto id = ReturnedId(*db_, UpdateConversationSql(c));
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Status PgStore::ScanConversations(const ConversationFilter& filter,
                                  const std::function<void(const ConversationRecord&)>& fn) {
  return EachSelected(*db_, SelectConversations(filter),
                      [&](const Row& r) { fn(ConversationFromRow(r)); });
}

}  // namespace retain::storage::postgres
