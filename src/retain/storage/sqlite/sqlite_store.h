// SqliteStore: the embedded single-file backend of the Store contract.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "retain/storage/sqlite/checkpointer.h"
#include "retain/storage/sqlite/id_cache.h"
#include "retain/storage/sqlite/statement.h"
#include "retain/storage/store.h"

namespace retain::storage::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens (creating when `create`) the database file at `path` and migrates it.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, bool create);
  ~SqliteStore() override;

  Status BeginWrite() override;
  // Uses a rollback journal for the transaction (new pages are written once
  // instead of into the WAL and again at the checkpoint), then returns to WAL.
  // Stays in WAL when another connection prevents the switch.
  Status BeginBulkWrite() override;
  Status Commit() override;
  void Rollback() override;
  Status BeginRead() override;
  void EndRead() override;

  Result<UpsertEffect> UpsertCustomer(const model::Customer& c) override;
  Result<UpsertEffect> UpsertProduct(const model::Product& p) override;
  Result<UpsertEffect> UpsertOrder(const model::Order& o) override;
  Result<UpsertEffect> UpsertOrderLine(const model::OrderLine& l) override;
  Result<UpsertEffect> UpsertReturn(const model::Return& r) override;
  Result<UpsertCounts> UpsertCustomers(std::span<const model::Customer> customers) override;
  Result<UpsertCounts> UpsertOrders(std::span<const model::Order> orders) override;
  Result<UpsertCounts> UpsertOrderLines(std::span<const model::OrderLine> lines) override;
  Result<bool> CustomerExists(const std::string& external_id) override;
  Result<bool> OrderExists(const std::string& external_id) override;
  Result<bool> ReturnExists(const std::string& external_id) override;
  Result<std::optional<std::string>> CustomerOfOrder(const std::string& order_id) override;

  // Records per multi-row statement in the batch upserts.
  static constexpr size_t kBatchRows = 256;

  Result<int64_t> SaveClvModel(const ClvModelRecord& m) override;
  Result<std::optional<ClvModelRecord>> LatestClvModel(const std::string& model) override;
  Result<int64_t> ReplaceClvScores(const ClvScoreRun& run,
                                   std::span<const ClvScoreRecord> scores) override;
  Result<std::optional<ClvScoreRun>> LatestClvScoreRun() override;
  Result<std::optional<ClvScoreRecord>> FindClvScore(const std::string& external_id) override;
  Status ScanClvScores(const std::function<void(const ClvScoreRecord&)>& fn) override;
  Result<std::map<std::string, std::string>> ProductNames(
      const std::vector<std::string>& skus) override;
  Status SaveSegment(const SegmentRecord& segment) override;
  Result<std::vector<SegmentRecord>> ListSegments() override;
  Result<std::optional<SegmentRecord>> FindSegment(const std::string& name) override;
  Result<bool> DeleteSegment(const std::string& name) override;
  Result<int64_t> DataVersion() override;
  Result<std::string> DatabaseId() override;
  Result<std::string> KeepMetaValue(const std::string& key, const std::string& proposed) override;
  Status ScanCustomers(const std::function<void(int64_t, const std::string&)>& fn) override;
  Status ScanCustomerProfiles(
      const std::function<void(int64_t, const model::Customer&)>& fn) override;
  Status ScanOrderFacts(const std::function<void(const OrderFact&)>& fn) override;
  Status ScanReturnFacts(const std::function<void(const ReturnFact&)>& fn) override;
  Status ScanLineFacts(const std::function<void(const LineFact&)>& fn) override;
  Status ScanPurchaseSummaries(core::Day through,
                               const std::function<void(const PurchaseSummary&)>& fn) override;
  Result<std::vector<CustomerRow>> ListCustomers(int64_t after_id, int limit,
                                                 const std::string& search) override;
  Status SaveApiKey(const ApiKeyRecord& key) override;
  Result<std::optional<ApiKeyRecord>> FindApiKey(const std::string& id) override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys() override;
  Result<bool> RevokeApiKey(const std::string& id, const std::string& at) override;
  Result<std::optional<IdempotencyRecord>> FindIdempotency(const std::string& scope,
                                                           const std::string& key) override;
  Status SaveIdempotency(const IdempotencyRecord& record) override;
  // Syncs every commit and moves the log into the database file on a
  // background thread (Checkpointer) instead of inside a commit.
  Status RequireDurableCommits() override;
  // How often each kind of checkpoint ran; nullopt before RequireDurableCommits.
  std::optional<Checkpointer::Counts> checkpoint_counts() const;
  Result<std::optional<model::Customer>> FindCustomer(const std::string& external_id) override;
  Result<std::vector<OrderRecord>> CustomerOrders(const std::string& external_id) override;
  Result<std::vector<model::Return>> CustomerReturns(const std::string& external_id) override;

  // The Kunden-Club (see Store).
  Result<std::optional<LoyaltyMemberRecord>> FindLoyaltyMember(const std::string& customer_id,
                                                               bool lock) override;
  Status SaveLoyaltyMember(const LoyaltyMemberRecord& member) override;
  Result<std::vector<LoyaltyEntryRecord>> LoyaltyEntries(const std::string& customer_id,
                                                         int64_t after_seq, int limit) override;
  Status AppendLoyaltyEntries(const std::string& customer_id,
                              std::span<const LoyaltyEntryRecord> entries) override;
  Status ScanLoyaltyMembers(const std::function<void(const LoyaltyMemberRecord&)>& fn) override;
  Status ScanLoyaltyEntries(
      const std::function<void(const std::string&, const LoyaltyEntryRecord&)>& fn) override;
  Result<std::optional<LoyaltyPurchaseRecord>> FindLoyaltyPurchase(
      const std::string& order_id) override;
  Status SaveLoyaltyPurchase(const LoyaltyPurchaseRecord& purchase) override;
  Status SaveLoyaltyReturn(const LoyaltyReturnRecord& ret) override;
  Status ScanLoyaltyPurchases(const std::function<void(const LoyaltyPurchaseRecord&)>& fn) override;
  Status ScanLoyaltyReturns(const std::function<void(const LoyaltyReturnRecord&)>& fn) override;
  Result<std::optional<VoucherRecord>> FindVoucher(const std::string& code) override;
  Status SaveVoucher(const VoucherRecord& voucher) override;
  Status ScanVouchers(const std::string& customer_id,
                      const std::function<void(const VoucherRecord&)>& fn) override;
  Result<std::optional<LoyaltyRequestRecord>> FindLoyaltyRequest(const std::string& kind,
                                                                 const std::string& key) override;
  Status SaveLoyaltyRequest(const LoyaltyRequestRecord& request) override;

  // Contacts (see Store).
  Status SaveConsent(const ConsentRecord& consent) override;
  Result<std::vector<ConsentRecord>> CustomerConsents(const std::string& customer_id) override;
  Result<std::vector<ConsentRecord>> ConsentHistory(const std::string& customer_id) override;
  Status ScanConsents(const std::function<void(const ConsentRecord&)>& fn) override;
  Status SaveInteraction(const InteractionRecord& interaction) override;
  Status ScanInteractions(const std::function<void(const InteractionRecord&)>& fn) override;
  Result<std::vector<InteractionRecord>> CustomerInteractions(
      const std::string& customer_id) override;
  Result<std::vector<InteractionRecord>> InteractionsOn(core::Day day) override;
  Result<bool> SetInteractionStatus(int64_t id, const std::string& from, const std::string& to,
                                    const std::string& detail) override;
  Status ScanOrdersBetween(core::Day from, core::Day to,
                           const std::function<void(const OrderStatusFact&)>& fn) override;
  Status AppendAudit(const AuditRecord& entry) override;
  Result<std::vector<AuditRecord>> AuditEntries(const std::string& customer_id, int64_t after_id,
                                                int limit) override;
  Status AddSuppression(const std::string& hash, const std::string& reason,
                        const std::string& at) override;
  Result<bool> IsSuppressed(const std::string& hash) override;
  Result<bool> EraseCustomer(const std::string& external_id, const std::string& pseudonym) override;
  Result<int64_t> SaveFeedback(const FeedbackRecord& feedback) override;
  Status ScanFeedback(const FeedbackFilter& filter,
                      const std::function<void(const FeedbackRecord&)>& fn) override;
  Result<int64_t> SaveTask(const TaskRecord& task) override;
  Result<bool> UpdateTask(const TaskRecord& task) override;
  Result<std::vector<TaskRecord>> ListTasks(const TaskFilter& filter) override;
  Result<int64_t> SaveConversation(const ConversationRecord& conversation) override;
  Result<bool> UpdateConversation(const ConversationRecord& conversation) override;
  Status ScanConversations(const ConversationFilter& filter,
                           const std::function<void(const ConversationRecord&)>& fn) override;
  Result<FeedbackRequestCounts> CountFeedbackRequests(core::Day from, core::Day to) override;

 private:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  // The statement for `sql`, compiled on first use and kept: the reads a
  // server repeats per request skip SQLite's parser. Statements are found by
  // the text's address, so `sql` must be a string literal (or a constant
  // that lives as long). Guard its use with ResetOnExit.
  Result<Statement*> Cached(const char* sql);
  // Runs the cached statement for `sql` (a string literal) to completion.
  Status RunCached(const char* sql);
  std::unordered_map<const char*, std::unique_ptr<Statement>> cached_;
  Status PrepareAll();
  Status PrepareBatchStatements();
  // Lines are keyed order_id * 65536 + line_no.
  static constexpr int32_t kMaxLineNo = 65535;
  // Internal id of a customer / order by external id; nullopt if unknown.
  // The internal id of a customer; kNotFound naming them when unknown.
  Result<int64_t> RequireCustomerId(const std::string& customer_id);
  Result<std::optional<int64_t>> CustomerId(const std::string& external_id);
  Result<std::optional<int64_t>> OrderId(const std::string& external_id);
  // Runs insert-or-ignore, then a conditional update; classifies the effect.
  Result<UpsertEffect> InsertOrUpdate(Statement& insert, Statement& update);
  template <class BindRow, class BindSingle, class Added>
  Result<UpsertCounts> BatchUpsert(size_t n, Statement& batch, Statement& insert, Statement& update,
                                   BindRow bind_row, BindSingle bind_single, Added added_row);
  // Binds the order's fields as ?1..?9 of the single-row statements.
  void BindOrder(Statement& st, const model::Order& o, int64_t customer_id, const std::string& at);
  // Binds the line's fields as ?1..?10 of the single-row statements.
  void BindLine(Statement& st, const model::OrderLine& l, int64_t order_id);

  sqlite3* db_;
  bool in_write_ = false;
  bool in_read_ = false;
  bool bulk_journal_ = false;   // journal switched away from WAL for this transaction
  bool bulk_keys_off_ = false;  // foreign keys switched off for this transaction
  // Ends what BeginBulkWrite switched: foreign keys back on, WAL again.
  void RestoreWal();
  bool dirty_ = false;
  std::unique_ptr<Checkpointer> checkpointer_;  // set by RequireDurableCommits
  IdCache customer_ids_;
  // Orders resolved or added lately (bounded: cleared at kRecentOrders, ~300 MB).
  IdCache recent_orders_;
  std::string last_order_ext_;  // the last order resolved (lines come grouped)
  int64_t last_order_id_ = 0;
  static constexpr size_t kRecentOrders = 1 << 23;

  Statement ins_customer_, upd_customer_, ins_product_, upd_product_, ins_order_, upd_order_,
      ins_line_, upd_line_, ins_return_, upd_return_, find_customer_id_, find_order_id_,
      order_customer_, ins_orders_batch_, ins_lines_batch_, ins_customers_batch_;
};

}  // namespace retain::storage::sqlite
