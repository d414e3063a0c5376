// The Store contract for feedback answers, tasks and service conversations,
// on every backend.
#include <gtest/gtest.h>

#include "retain/storage/store_contract_fixture.h"

namespace retain::storage {
namespace {

class ListeningContract : public contract::StoreContract {
 protected:
  void SetUp() override {
    contract::StoreContract::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store_->BeginWrite().ok());
    for (const char* id : {"L1", "L2"}) Upsert(contract::MakeCustomer(id));
    ASSERT_TRUE(store_->Commit().ok());
  }
  static FeedbackRecord Answer(const std::string& customer, int score, core::Day day) {
    FeedbackRecord f;
    f.customer_id = customer;
    f.score = score;
    f.day = day;
    f.via = "email";
    f.answered_at = core::FormatDay(day) + "T10:00:00Z";
    return f;
  }
  std::vector<FeedbackRecord> Feedback(const FeedbackFilter& filter) {
    std::vector<FeedbackRecord> out;
    auto s = store_->ScanFeedback(filter, [&](const FeedbackRecord& f) { out.push_back(f); });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }
  std::vector<ConversationRecord> Conversations(const ConversationFilter& filter) {
    std::vector<ConversationRecord> out;
    auto s =
        store_->ScanConversations(filter, [&](const ConversationRecord& c) { out.push_back(c); });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }
};

TEST_P(ListeningContract, FeedbackIsRecordedOncePerRequestAndExternalId) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto a = Answer("L1", 3, 20800);
  a.request_id = 41;
  a.order_id = "O-1";
  a.comment = "Lieferung kam zu spät; 'Karton' \"kaputt\"";
  a.sales_channel = "online";
  a.store = "B1";
  auto first = store_->SaveFeedback(a);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto again = a;
  again.score = 10;
  EXPECT_EQ(store_->SaveFeedback(again).error().code(), core::Code::kAlreadyExists);
  auto imported = Answer("L2", 9, 20801);
  imported.external_id = "S-7";
  imported.via = "import";
  ASSERT_TRUE(store_->SaveFeedback(imported).has_value());
  EXPECT_EQ(store_->SaveFeedback(imported).error().code(), core::Code::kAlreadyExists);
  // Answers with neither a request nor an external id are never duplicates.
  ASSERT_TRUE(store_->SaveFeedback(Answer("L2", 6, 20790)).has_value());
  ASSERT_TRUE(store_->SaveFeedback(Answer("L2", 6, 20790)).has_value());
  EXPECT_EQ(store_->SaveFeedback(Answer("L9", 6, 20790)).error().code(), core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto all = Feedback({});
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].day, 20790);  // by day, then id
  EXPECT_EQ(all[2].score, 3);
  EXPECT_EQ(all[2].id, *first);
  EXPECT_EQ(all[2].comment, a.comment);
  EXPECT_EQ(all[2].request_id, 41);
  EXPECT_EQ(all[2].order_id, "O-1");
  EXPECT_EQ(all[2].sales_channel, "online");
  EXPECT_EQ(all[2].store, "B1");
  EXPECT_EQ(all[2].via, "email");
  EXPECT_EQ(all[2].answered_at, "2026-12-13T10:00:00Z");
  EXPECT_EQ(all[3].external_id, "S-7");
  EXPECT_EQ(all[3].request_id, 0);

  EXPECT_EQ(Feedback({.request_id = 41}).size(), 1u);
  EXPECT_EQ(Feedback({.external_id = "S-7"}).size(), 1u);
  EXPECT_EQ(Feedback({.customer_id = "L2"}).size(), 3u);
  EXPECT_EQ(Feedback({.from = 20800, .to = 20800}).size(), 1u);
  EXPECT_EQ(Feedback({.from = 20795}).size(), 2u);
}

TEST_P(ListeningContract, FeedbackRequestsAreCountedWithTheirAnswers) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  const std::pair<const char*, core::Day> requests[] = {
      {"sent", 20800}, {"exported", 20801}, {"done", 20802}, {"planned", 20801}, {"failed", 20801}};
  int n = 0;
  for (const auto& [status, day] : requests) {
    ASSERT_TRUE(store_
                    ->SaveInteraction({"L1", day, "feedback_request", "email",
                                       "order:O-" + std::to_string(++n), "", status, "x"})
                    .ok());
  }
  ASSERT_TRUE(
      store_->SaveInteraction({"L1", 20801, "birthday", "email", "b", "", "sent", "x"}).ok());
  auto contacts = store_->CustomerInteractions("L1");
  ASSERT_TRUE(contacts.has_value());
  for (const auto& c : *contacts) {
    if (c.reference != "order:O-1" && c.reference != "order:O-4") continue;
    auto a = Answer("L1", 9, 20803);
    a.request_id = c.id;
    ASSERT_TRUE(store_->SaveFeedback(a).has_value());
  }
  ASSERT_TRUE(store_->Commit().ok());
  auto all = store_->CountFeedbackRequests(20800, 20802);
  ASSERT_TRUE(all.has_value()) << all.error().message();
  EXPECT_EQ(all->requests, 3);  // sent, exported, done; not planned or failed
  EXPECT_EQ(all->answered, 1);  // the answer to the planned one does not count
  auto later = store_->CountFeedbackRequests(20801, 20810);
  EXPECT_EQ(later->requests, 2);
  EXPECT_EQ(later->answered, 0);
}

TEST_P(ListeningContract, TasksOpenOncePerReferenceAndChange) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  TaskRecord t{.customer_id = "L1",
               .kind = "call_back",
               .reference = "feedback:1",
               .reason = "NPS 3",
               .due = 20802,
               .status = "open",
               .created_at = "2026-12-14T10:00:00Z"};
  auto id = store_->SaveTask(t);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  EXPECT_EQ(store_->SaveTask(t).error().code(), core::Code::kAlreadyExists);
  t.kind = "satisfaction_call";  // another kind may name the same thing
  ASSERT_TRUE(store_->SaveTask(t).has_value());
  TaskRecord by_hand{
      .customer_id = "L2", .kind = "other", .due = 20805, .status = "open", .created_at = "x"};
  ASSERT_TRUE(store_->SaveTask(by_hand).has_value());
  ASSERT_TRUE(store_->SaveTask(by_hand).has_value());  // no reference: any number
  EXPECT_EQ(
      store_->SaveTask({.customer_id = "L9", .kind = "other", .status = "open"}).error().code(),
      core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto all = store_->ListTasks({});
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].id, *id);
  EXPECT_EQ((*all)[0].reference, "feedback:1");
  EXPECT_EQ((*all)[0].reason, "NPS 3");
  EXPECT_EQ((*all)[0].due, 20802);
  EXPECT_EQ((*all)[2].reference, "");

  auto done = (*all)[0];
  done.status = "done";
  done.assignee = "anna";
  done.note = "called, voucher sent";
  done.done_at = "2026-12-15T09:00:00Z";
  ASSERT_TRUE(store_->BeginWrite().ok());
  EXPECT_TRUE(*store_->UpdateTask(done));
  done.id = 999;
  EXPECT_FALSE(*store_->UpdateTask(done));
  ASSERT_TRUE(store_->Commit().ok());

  auto open = store_->ListTasks({.status = "open"});
  ASSERT_EQ(open->size(), 3u);
  auto annas = store_->ListTasks({.assignee = "anna"});
  ASSERT_EQ(annas->size(), 1u);
  EXPECT_EQ((*annas)[0].note, "called, voucher sent");
  EXPECT_EQ((*annas)[0].done_at, "2026-12-15T09:00:00Z");
  EXPECT_EQ(store_->ListTasks({.customer_id = "L2"})->size(), 2u);
  EXPECT_EQ(store_->ListTasks({.kind = "satisfaction_call"})->size(), 1u);
  auto page = store_->ListTasks({.after_id = *id, .limit = 2});
  ASSERT_EQ(page->size(), 2u);
  EXPECT_GT((*page)[0].id, *id);
  EXPECT_EQ(store_->ListTasks({.id = *id})->size(), 1u);
}

TEST_P(ListeningContract, ConversationsAreLoggedAndUpdated) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  ConversationRecord c{.customer_id = "L1",
                       .channel = "phone",
                       .topic = "complaint",
                       .complaint = true,
                       .status = "open",
                       .summary = "Schuhe drücken",
                       .day = 20800,
                       .opened_at = "2026-12-14T08:00:00Z",
                       .updated_at = "2026-12-14T08:00:00Z"};
  auto id = store_->SaveConversation(c);
  ASSERT_TRUE(id.has_value()) << id.error().message();
  ASSERT_TRUE(store_
                  ->SaveConversation({.customer_id = "L2",
                                      .channel = "email",
                                      .topic = "delivery",
                                      .status = "open",
                                      .day = 20801,
                                      .opened_at = "2026-12-15T08:00:00Z",
                                      .updated_at = "2026-12-15T08:00:00Z"})
                  .has_value());
  EXPECT_EQ(store_->SaveConversation({.customer_id = "L9", .status = "open"}).error().code(),
            core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto complaints = Conversations({.complaints_only = true});
  ASSERT_EQ(complaints.size(), 1u);
  EXPECT_EQ(complaints[0].id, *id);
  EXPECT_TRUE(complaints[0].complaint);
  EXPECT_EQ(complaints[0].summary, "Schuhe drücken");
  EXPECT_EQ(complaints[0].day, 20800);
  EXPECT_EQ(complaints[0].first_response_at, "");

  c.id = *id;
  c.status = "closed";
  c.assignee = "ben";
  c.first_response_at = "2026-12-14T09:30:00Z";
  c.closed_at = "2026-12-15T12:00:00Z";
  c.updated_at = c.closed_at;
  ASSERT_TRUE(store_->BeginWrite().ok());
  EXPECT_TRUE(*store_->UpdateConversation(c));
  c.id = 999;
  EXPECT_FALSE(*store_->UpdateConversation(c));
  ASSERT_TRUE(store_->Commit().ok());

  auto closed = Conversations({.status = "closed"});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].assignee, "ben");
  EXPECT_EQ(closed[0].first_response_at, "2026-12-14T09:30:00Z");
  EXPECT_EQ(closed[0].closed_at, "2026-12-15T12:00:00Z");
  EXPECT_EQ(Conversations({.customer_id = "L2"}).size(), 1u);
  EXPECT_EQ(Conversations({.from = 20801, .to = 20801}).size(), 1u);
  EXPECT_EQ(Conversations({.after_id = *id}).size(), 1u);
  EXPECT_EQ(Conversations({.limit = 1}).size(), 1u);
  EXPECT_EQ(Conversations({.id = *id}).size(), 1u);
}

TEST_P(ListeningContract, ErasingEmptiesCommentsAndNotesButKeepsScores) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto a = Answer("L1", 2, 20800);
  a.comment = "Ich heiße Erika und bin sauer";
  ASSERT_TRUE(store_->SaveFeedback(a).has_value());
  ASSERT_TRUE(store_
                  ->SaveTask({.customer_id = "L1",
                              .kind = "call_back",
                              .reference = "feedback:1",
                              .reason = "Erika: sauer",
                              .status = "open",
                              .note = "Tel. 0171"})
                  .has_value());
  ASSERT_TRUE(store_
                  ->SaveConversation({.customer_id = "L1",
                                      .channel = "phone",
                                      .topic = "complaint",
                                      .complaint = true,
                                      .status = "open",
                                      .summary = "Erika ruft an",
                                      .day = 20800})
                  .has_value());
  ASSERT_TRUE(*store_->EraseCustomer("L1", "erased-1"));
  ASSERT_TRUE(store_->Commit().ok());
  auto answers = Feedback({.customer_id = "erased-1"});
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].score, 2);
  EXPECT_EQ(answers[0].comment, "");
  auto tasks = store_->ListTasks({.customer_id = "erased-1"});
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].reason, "");
  EXPECT_EQ((*tasks)[0].note, "");
  auto talks = Conversations({.customer_id = "erased-1"});
  ASSERT_EQ(talks.size(), 1u);
  EXPECT_EQ(talks[0].summary, "");
  EXPECT_TRUE(talks[0].complaint);
}

INSTANTIATE_TEST_SUITE_P(Backends, ListeningContract, ::testing::ValuesIn(contract::kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace retain::storage
