// PgStore: the PostgreSQL backend of the Store contract, for several servers
// on one database. Semantics match SqliteStore; the differences are in the
// SQL dialect and in how batches travel (one statement per batch, arrays
// bound as parameters).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "retain/storage/postgres/connection.h"
#include "retain/storage/store.h"

namespace retain::storage::postgres {

class PgStore final : public Store {
 public:
  // Connects to `url` and migrates the schema. When `create` is false and the
  // database holds no retain schema, fails with kNotFound and the hint to run
  // `retain init`.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, bool create);
  ~PgStore() override;

  Status BeginWrite() override;
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
  Status RequireDurableCommits() override;
  Result<std::optional<model::Customer>> FindCustomer(const std::string& external_id) override;
  Result<std::vector<OrderRecord>> CustomerOrders(const std::string& external_id) override;
  Result<std::vector<model::Return>> CustomerReturns(const std::string& external_id) override;

  // Records per batch statement in the batch upserts.
  static constexpr size_t kBatchRows = 1000;

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
  explicit PgStore(std::unique_ptr<Connection> conn) : db_(std::move(conn)) {}
  // The internal id of a customer; kNotFound naming them when unknown.
  Result<int64_t> RequireCustomerId(const std::string& customer_id);
  // Internal id of a customer by external id; nullopt if unknown.
  Result<std::optional<int64_t>> CustomerId(const std::string& external_id);
  // Internal (customer id, order id) of an order by external id; nullopt if unknown.
  Result<std::optional<std::pair<int64_t, int64_t>>> OrderKey(const std::string& external_id);
  // Runs the insert (… ON CONFLICT DO NOTHING RETURNING …), then if it added
  // nothing the update (… WHERE something differs RETURNING …).
  Result<UpsertEffect> InsertOrUpdate(const std::string& insert, const std::string& update,
                                      const Params& params, int64_t* added_id = nullptr);
  // Runs an update that returns a row when it changed something.
  Result<bool> Changed(const std::string& update, const Params& params);

  // Ids resolved or added inside the open write transaction (an import
  // resolves every order's customer and every line's order). Cleared when the
  // transaction ends, so nothing another server changes is trusted across it.
  void ForgetIds();
  std::unordered_map<std::string, int64_t> customer_ids_;
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> order_keys_;
  static constexpr size_t kMaxCachedIds = 1 << 22;

  std::unique_ptr<Connection> db_;
  bool in_write_ = false;
  bool in_read_ = false;
  bool dirty_ = false;
};

}  // namespace retain::storage::postgres
