// Listening storage of SqliteStore: feedback answers, follow-up tasks and
// service conversations (the SQL is shared with PostgreSQL: listening_sql.h).
#include "retain/storage/listening_sql.h"
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

// Prepares `q` into `st` with every parameter bound (text is not copied: `q`
// must outlive the statement's use).
Status PrepareQuery(sqlite3* db, Statement& st, const SqlQuery& q) {
  if (auto s = st.Prepare(db, q.sql.c_str()); !s.ok()) return s;
  for (size_t i = 0; i < q.params.size(); ++i) {
    const int n = static_cast<int>(i + 1);
    if (const auto* v = std::get_if<int64_t>(&q.params[i])) {
      st.Bind(n, *v);
    } else {
      st.Bind(n, std::string_view(std::get<std::string>(q.params[i])));
    }
  }
  return {};
}

// Runs `q` and returns the id of the row it returned; nullopt when none.
Result<std::optional<int64_t>> ReturnedId(sqlite3* db, const SqlQuery& q) {
  Statement st;
  if (auto s = PrepareQuery(db, st, q); !s.ok()) return core::Err(s);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  std::optional<int64_t> id;
  if (*row) id = st.Int(0);
  st.Reset();
  return id;
}

// Calls fn(statement) for every row `q` selects.
template <class Fn>
Status EachSelected(sqlite3* db, const SqlQuery& q, Fn fn) {
  Statement st;
  if (auto s = PrepareQuery(db, st, q); !s.ok()) return s;
  return EachRow(st, [&] { fn(st); });
}

}  // namespace

Result<int64_t> SqliteStore::SaveFeedback(const FeedbackRecord& f) {
  auto customer = RequireCustomerId(f.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(db_, InsertFeedback(*customer, f));
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::AlreadyExists("this feedback is recorded already"));
  return **id;
}

Status SqliteStore::ScanFeedback(const FeedbackFilter& filter,
                                 const std::function<void(const FeedbackRecord&)>& fn) {
  return EachSelected(db_, SelectFeedback(filter),
                      [&](const Statement& st) { fn(FeedbackFromRow(st)); });
}

Result<FeedbackRequestCounts> SqliteStore::CountFeedbackRequests(core::Day from, core::Day to) {
  FeedbackRequestCounts counts;
  auto s = EachSelected(db_, {kCountFeedbackRequestsSql, {int64_t{from}, int64_t{to}}},
                        [&](const Statement& st) {
                          counts = {st.Int(0), st.Int(1)};
                        });
  if (!s.ok()) return core::Err(s);
  return counts;
}

Result<int64_t> SqliteStore::SaveTask(const TaskRecord& t) {
  auto customer = RequireCustomerId(t.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(db_, InsertTask(*customer, t));
  if (!id) return core::Err(id.error());
  if (!*id) {
    return core::Err(core::AlreadyExists("a " + t.kind + " task for " + t.reference + " exists"));
  }
  return **id;
}

Result<bool> SqliteStore::UpdateTask(const TaskRecord& t) {
  auto id = ReturnedId(db_, UpdateTaskSql(t));
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Result<std::vector<TaskRecord>> SqliteStore::ListTasks(const TaskFilter& filter) {
  std::vector<TaskRecord> out;
  auto s = EachSelected(db_, SelectTasks(filter),
                        [&](const Statement& st) { out.push_back(TaskFromRow(st)); });
  if (!s.ok()) return core::Err(s);
  return out;
}

Result<int64_t> SqliteStore::SaveConversation(const ConversationRecord& c) {
  auto customer = RequireCustomerId(c.customer_id);
  if (!customer) return core::Err(customer.error());
  auto id = ReturnedId(db_, InsertConversation(*customer, c));
  if (!id) return core::Err(id.error());
  if (!*id) return core::Err(core::Internal("the conversation was not recorded"));
  return **id;
}

Result<bool> SqliteStore::UpdateConversation(const ConversationRecord& c) {
  auto id = ReturnedId(db_, UpdateConversationSql(c));
  if (!id) return core::Err(id.error());
  return id->has_value();
}

Status SqliteStore::ScanConversations(const ConversationFilter& filter,
                                      const std::function<void(const ConversationRecord&)>& fn) {
  return EachSelected(db_, SelectConversations(filter),
                      [&](const Statement& st) { fn(ConversationFromRow(st)); });
}

}  // namespace retain::storage::sqlite
