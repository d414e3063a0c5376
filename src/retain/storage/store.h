// Store: the one storage contract every backend (SQLite, PostgreSQL) implements.
//
// Writes happen inside a transaction opened with BeginWrite() and ended by
// Commit() or Rollback(): an import either lands whole or not at all. Every
// upsert is keyed by the shop's external id, so writing the same record twice
// changes nothing and reports kUnchanged.
//
// Reads for analytics are streaming scans in a fixed order, so the columnar
// snapshot (analytics/) is built in one pass without holding rows twice.
//
// A Store is not thread-safe; use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retain/core/status.h"
#include "retain/model/customer.h"
#include "retain/model/order.h"
#include "retain/storage/contact_records.h"
#include "retain/storage/listening_records.h"
#include "retain/storage/loyalty_records.h"

namespace retain::storage {

using core::Result;
using core::Status;

enum class UpsertEffect { kAdded, kUpdated, kUnchanged };

// What a batch of upserts did, record by record, added up.
struct UpsertCounts {
  int64_t added = 0, updated = 0, unchanged = 0;
};

// One order as the analytics scan sees it.
struct OrderFact {
  int64_t customer_id;  // the store's internal id, ascending in a scan
  core::Day day;
  int64_t amount_minor;
  model::Channel channel;
};

// One return as the analytics scan sees it.
struct ReturnFact {
  int64_t customer_id;
  core::Day day;
  int64_t amount_minor;
  std::string_view sku;  // "" when the return does not name a product; valid during the call
};

// One order line as the analytics scan sees it (views valid during the call).
struct LineFact {
  int64_t customer_id;  // internal ids
  int64_t order_id;     // ascending in a scan
  core::Day day;
  std::string_view sku;
  std::string_view category;  // the line's, else the product's, else ""
  int32_t quantity;
};

// One customer's purchase days up to a day, summed in the database (one
// GROUP BY customer) so analytics need not read every order. Orders on the
// same day are one purchase day.
struct PurchaseSummary {
  int64_t customer_id = 0;  // internal id, ascending in a scan
  core::Day first_day = 0, last_day = 0;
  int64_t purchase_days = 0;    // distinct days with an order, >= 1
  int64_t total_minor = 0;      // all orders' amounts
  int64_t first_day_minor = 0;  // the amounts of the first day's orders
};

struct OrderRecord {
  model::Order order;
  std::vector<model::OrderLine> lines;
};

// A fitted customer-lifetime-value model as stored: the model name, the
// fit's JSON document (parameters, log-likelihood, settings) and when.
struct ClvModelRecord {
  int64_t id = 0;
  std::string model;      // "bgnbd", "gammagamma", ...
  std::string fit_json;   // the fit as the CLI prints it with --json
  std::string fitted_at;  // ISO 8601 UTC
};

// One `clv score` run: when, as of which day, with which settings and fits.
struct ClvScoreRun {
  int64_t id = 0;
  std::string scored_at;  // ISO 8601 UTC
  core::Day as_of = 0;
  int horizon_months = 12;
  double discount_monthly = 0;
  double high_risk_below = 0, medium_risk_below = 0;
  int64_t bgnbd_model_id = 0, gammagamma_model_id = 0;  // the clv_models records used
};

// One customer's stored forecast (see analytics/clv_score.h).
struct ClvScoreRecord {
  std::string customer_id;  // external id
  double p_alive = 1;
  double expected_30d = 0, expected_90d = 0, expected_365d = 0, expected_horizon = 0;
  int64_t expected_value_minor = 0, clv_minor = 0;  // minor units
  std::string risk;                                 // "low" | "medium" | "high"
};

// A saved segment: a named rule (see analytics/segment_rule.h).
struct SegmentRecord {
  std::string name;  // unique, compared without regard to case
  std::string rule;
  std::string description;
  std::string created_at;  // ISO 8601 UTC
};

// An API key as stored: never the key itself, only a hash of its secret.
struct ApiKeyRecord {
  std::string id;           // public part of the key, shown in lists and logs
  std::string name;         // what the key is for ("till Berlin")
  std::string role;         // "admin" | "analyst" | "shop"
  std::string secret_hash;  // hex hash of the secret part (see app/api_keys.h)
  std::string created_at;   // ISO 8601 UTC
  std::string revoked_at;   // ISO 8601 UTC; empty while the key is valid
};

// The stored outcome of a write sent with an idempotency key: a repeat of the
// same request gets the same answer.
struct IdempotencyRecord {
  std::string scope;         // who sent it (an API key id)
  std::string key;           // the client's Idempotency-Key
  std::string request_hash;  // hash of what was asked (method, path, body)
  int outcome = 0;           // the answer's status code, as the edge chose it
  std::string response;      // the answer's body
  std::string created_at;    // ISO 8601 UTC
};

// One customer in a paged listing.
struct CustomerRow {
  int64_t id = 0;  // the store's internal id (ascending in a listing)
  model::Customer customer;
};

class Store {
 public:
  virtual ~Store() = default;

  // Starts a write transaction. Fails with kFailedPrecondition if one is open.
  virtual Status BeginWrite() = 0;
  // Starts a write transaction tuned for loading much data at once (an
  // import). Same guarantees; other connections may be kept waiting longer.
  virtual Status BeginBulkWrite() = 0;
  // Makes every write since BeginWrite durable and, if anything changed,
  // advances DataVersion().
  virtual Status Commit() = 0;
  // Discards every write since BeginWrite. Safe to call without one open.
  virtual void Rollback() = 0;

  // Starts a read-only transaction: every read until EndRead sees the same
  // committed state of the database (and SQLite spares each read its own
  // transaction). Fails with kFailedPrecondition if a transaction is open.
  virtual Status BeginRead() = 0;
  // Ends the read transaction. Safe to call without one open.
  virtual void EndRead() = 0;

  // Upserts keyed by external id (sku for products). Orders and returns
  // return kNotFound when their customer does not exist; order lines when
  // their order does not exist.
  virtual Result<UpsertEffect> UpsertCustomer(const model::Customer& c) = 0;
  virtual Result<UpsertEffect> UpsertProduct(const model::Product& p) = 0;
  virtual Result<UpsertEffect> UpsertOrder(const model::Order& o) = 0;
  virtual Result<UpsertEffect> UpsertOrderLine(const model::OrderLine& l) = 0;
  virtual Result<UpsertEffect> UpsertReturn(const model::Return& r) = 0;

  // Batch forms: the same effects as upserting each record in order (a later
  // duplicate in the batch wins), but much faster for bulk loads. kNotFound
  // when a reference is missing; the caller then rolls back, since part of
  // the batch may be written.
  virtual Result<UpsertCounts> UpsertCustomers(std::span<const model::Customer> customers) = 0;
  virtual Result<UpsertCounts> UpsertOrders(std::span<const model::Order> orders) = 0;
  virtual Result<UpsertCounts> UpsertOrderLines(std::span<const model::OrderLine> lines) = 0;

  // Whether a customer / order with this external id exists (in committed
  // data or earlier in the open transaction).
  virtual Result<bool> CustomerExists(const std::string& external_id) = 0;
  virtual Result<bool> OrderExists(const std::string& external_id) = 0;
  virtual Result<bool> ReturnExists(const std::string& external_id) = 0;

  // The external id of the customer who placed an order, or nullopt if the
  // order is unknown.
  virtual Result<std::optional<std::string>> CustomerOfOrder(const std::string& order_id) = 0;

  // Stores a fitted model (outside or inside a write transaction); returns its id.
  virtual Result<int64_t> SaveClvModel(const ClvModelRecord& m) = 0;
  // The most recently stored fit of `model`, or nullopt.
  virtual Result<std::optional<ClvModelRecord>> LatestClvModel(const std::string& model) = 0;

  // Inside a write transaction: records a score run and makes `scores` the
  // current forecasts (all earlier ones are removed, so customers not in
  // `scores` have none). Returns the run's id; kNotFound for an unknown customer.
  virtual Result<int64_t> ReplaceClvScores(const ClvScoreRun& run,
                                           std::span<const ClvScoreRecord> scores) = 0;
  // The run behind the current forecasts, or nullopt if nothing was scored.
  virtual Result<std::optional<ClvScoreRun>> LatestClvScoreRun() = 0;
  // The current forecast of one customer, or nullopt.
  virtual Result<std::optional<ClvScoreRecord>> FindClvScore(const std::string& external_id) = 0;
  // Calls fn for every current forecast, in ascending customer id order.
  virtual Status ScanClvScores(const std::function<void(const ClvScoreRecord&)>& fn) = 0;

  // The names of the products with these SKUs that have one in the products table.
  virtual Result<std::map<std::string, std::string>> ProductNames(
      const std::vector<std::string>& skus) = 0;

  // Saves a new segment; kFailedPrecondition if one of that name exists.
  virtual Status SaveSegment(const SegmentRecord& segment) = 0;
  // Every saved segment, by name.
  virtual Result<std::vector<SegmentRecord>> ListSegments() = 0;
  // The segment of that name (any case), or nullopt.
  virtual Result<std::optional<SegmentRecord>> FindSegment(const std::string& name) = 0;
  // Deletes the segment of that name; false if there was none.
  virtual Result<bool> DeleteSegment(const std::string& name) = 0;

  // A number that changes whenever committed customers, orders or returns
  // change (fits and forecasts do not count: the snapshot does not hold them).
  virtual Result<int64_t> DataVersion() = 0;
  // A random id fixed when the database was created (tells databases apart).
  virtual Result<std::string> DatabaseId() = 0;
  // The value stored under `key` (such as the key that signs unsubscribe
  // links); when there is none yet, stores `proposed` and returns it, so all
  // servers of one database agree. Inside a write transaction.
  virtual Result<std::string> KeepMetaValue(const std::string& key,
                                            const std::string& proposed) = 0;

  // Calls fn(id, external_id) for every customer in ascending id order.
  virtual Status ScanCustomers(const std::function<void(int64_t, const std::string&)>& fn) = 0;
  // Calls fn(id, customer) for every customer with their whole profile, in
  // ascending id order.
  virtual Status ScanCustomerProfiles(
      const std::function<void(int64_t, const model::Customer&)>& fn) = 0;
  // Calls fn for every order, ordered by customer id, then day, then amount
  // and channel (so every backend gives ties the same order).
  virtual Status ScanOrderFacts(const std::function<void(const OrderFact&)>& fn) = 0;
  // Calls fn for every return that has a customer, ordered by customer id,
  // then day, then amount (returns equal in all three come in any order).
  virtual Status ScanReturnFacts(const std::function<void(const ReturnFact&)>& fn) = 0;
  // Calls fn for every order line, in ascending order id (then line) order.
  virtual Status ScanLineFacts(const std::function<void(const LineFact&)>& fn) = 0;

  // Calls fn for every customer with an order on or before `through`, in
  // ascending customer id, with their purchase days up to `through`.
  virtual Status ScanPurchaseSummaries(core::Day through,
                                       const std::function<void(const PurchaseSummary&)>& fn) = 0;

  // Up to `limit` customers with internal id > `after_id`, in id order. With a
  // non-empty `search`, only those whose external id or e-mail equals it
  // (e-mail without regard to case) or whose "first last" name contains it.
  virtual Result<std::vector<CustomerRow>> ListCustomers(int64_t after_id, int limit,
                                                         const std::string& search) = 0;

  // Stores a new API key (its id must be new).
  virtual Status SaveApiKey(const ApiKeyRecord& key) = 0;
  // The key with this id, revoked or not, or nullopt.
  virtual Result<std::optional<ApiKeyRecord>> FindApiKey(const std::string& id) = 0;
  // Every key, oldest first.
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  // Marks the key revoked at `at`; false if there is no such key or it was revoked.
  virtual Result<bool> RevokeApiKey(const std::string& id, const std::string& at) = 0;

  // The stored outcome for (scope, key), or nullopt.
  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(const std::string& scope,
                                                                   const std::string& key) = 0;
  // Inside a write transaction: stores the outcome, so it lands with the write
  // it answers. kFailedPrecondition if (scope, key) is stored already.
  virtual Status SaveIdempotency(const IdempotencyRecord& record) = 0;

  // From now on every Commit() of this store is on disk before it returns,
  // even if the machine loses power (SQLite: synchronous=FULL). Slower; for
  // servers that acknowledge writes to clients.
  virtual Status RequireDurableCommits() = 0;

  // The customer with this external id, or nullopt.
  virtual Result<std::optional<model::Customer>> FindCustomer(const std::string& external_id) = 0;
  // The customer's orders with their lines, oldest first.
  virtual Result<std::vector<OrderRecord>> CustomerOrders(const std::string& external_id) = 0;
  // The customer's returns, oldest first.
  virtual Result<std::vector<model::Return>> CustomerReturns(const std::string& external_id) = 0;
  // --- The Kunden-Club (see loyalty_records.h). Writes go inside a write
  // transaction; entries are append-only (the backends refuse UPDATE and
  // DELETE on them).

  // The member with this customer id, or nullopt. With `lock`, inside a
  // write transaction, other servers' writers wait for this member until the
  // transaction ends (PostgreSQL: FOR UPDATE; SQLite holds the database lock).
  virtual Result<std::optional<LoyaltyMemberRecord>> FindLoyaltyMember(
      const std::string& customer_id, bool lock) = 0;
  // Adds the member or updates their tier fields and last_seq. kNotFound when
  // the customer does not exist.
  virtual Status SaveLoyaltyMember(const LoyaltyMemberRecord& member) = 0;
  // The member's entries with seq > after_seq, ascending, at most `limit`
  // (0: all).
  virtual Result<std::vector<LoyaltyEntryRecord>> LoyaltyEntries(const std::string& customer_id,
                                                                 int64_t after_seq, int limit) = 0;
  // Appends entries to a member's ledger; kAlreadyExists if a seq is taken.
  virtual Status AppendLoyaltyEntries(const std::string& customer_id,
                                      std::span<const LoyaltyEntryRecord> entries) = 0;
  // Calls fn for every member, in customer id order (not the external id's).
  virtual Status ScanLoyaltyMembers(const std::function<void(const LoyaltyMemberRecord&)>& fn) = 0;
  // Calls fn(customer_id, entry) for every entry, grouped by member in the
  // order of ScanLoyaltyMembers, ascending seq within a member.
  virtual Status ScanLoyaltyEntries(
      const std::function<void(const std::string&, const LoyaltyEntryRecord&)>& fn) = 0;

  // The purchase with this order id (with the sum of its returns), or nullopt.
  virtual Result<std::optional<LoyaltyPurchaseRecord>> FindLoyaltyPurchase(
      const std::string& order_id) = 0;
  // Records a purchase (its order id must be new).
  virtual Status SaveLoyaltyPurchase(const LoyaltyPurchaseRecord& purchase) = 0;
  // Records a return (its id must be new, its purchase must exist).
  virtual Status SaveLoyaltyReturn(const LoyaltyReturnRecord& ret) = 0;
  // Calls fn for every purchase and, in another pass, every return (for the
  // invariant check), each in key order.
  virtual Status ScanLoyaltyPurchases(
      const std::function<void(const LoyaltyPurchaseRecord&)>& fn) = 0;
  virtual Status ScanLoyaltyReturns(const std::function<void(const LoyaltyReturnRecord&)>& fn) = 0;

  // The voucher with this code, or nullopt.
  virtual Result<std::optional<VoucherRecord>> FindVoucher(const std::string& code) = 0;
  // Adds the voucher, or updates its state, order id and changed_at.
  virtual Status SaveVoucher(const VoucherRecord& voucher) = 0;
  // Calls fn for every voucher, grouped by member (in ScanLoyaltyMembers
  // order), oldest first within a member; only `customer_id`'s when not empty.
  virtual Status ScanVouchers(const std::string& customer_id,
                              const std::function<void(const VoucherRecord&)>& fn) = 0;

  // The stored answer to the request (kind, key), or nullopt.
  virtual Result<std::optional<LoyaltyRequestRecord>> FindLoyaltyRequest(
      const std::string& kind, const std::string& key) = 0;
  // Stores the answer; kAlreadyExists if (kind, key) is stored already.
  virtual Status SaveLoyaltyRequest(const LoyaltyRequestRecord& request) = 0;

  // --- Contacts (see contact_records.h). Writes go inside a write transaction.
  // Records `consent` as the customer's current one on its channel and
  // appends it to the history; kNotFound for an unknown customer.
  virtual Status SaveConsent(const ConsentRecord& consent) = 0;
  // The customer's current consents (channels with none recorded are absent).
  virtual Result<std::vector<ConsentRecord>> CustomerConsents(const std::string& customer_id) = 0;
  // Every consent ever recorded for the customer, oldest first.
  virtual Result<std::vector<ConsentRecord>> ConsentHistory(const std::string& customer_id) = 0;
  // Calls fn for every current consent, by customer (internal id), then channel.
  virtual Status ScanConsents(const std::function<void(const ConsentRecord&)>& fn) = 0;
  // Records a contact; kAlreadyExists when one of the same customer, day,
  // kind and reference is recorded (so committing a plan twice adds nothing);
  // kNotFound for an unknown customer.
  virtual Status SaveInteraction(const InteractionRecord& interaction) = 0;
  // Calls fn for every interaction, by customer (internal id), then day, then
  // the order they were recorded in.
  virtual Status ScanInteractions(const std::function<void(const InteractionRecord&)>& fn) = 0;
  // The customer's interactions, oldest first.
  virtual Result<std::vector<InteractionRecord>> CustomerInteractions(
      const std::string& customer_id) = 0;
  // Every interaction recorded for `day`, in the order recorded.
  virtual Result<std::vector<InteractionRecord>> InteractionsOn(core::Day day) = 0;
  // Moves interaction `id` from status `from` to `to` with a new detail;
  // false (nothing changed) when its status is no longer `from`, so two
  // senders never take the same contact.
  virtual Result<bool> SetInteractionStatus(int64_t id, const std::string& from,
                                            const std::string& to, const std::string& detail) = 0;
  // Calls fn for every order with `from` <= day <= `to`, by day, then the
  // order they were first imported in.
  virtual Status ScanOrdersBetween(core::Day from, core::Day to,
                                   const std::function<void(const OrderStatusFact&)>& fn) = 0;
  // Appends to the audit log (its id is given by the store).
  virtual Status AppendAudit(const AuditRecord& entry) = 0;
  // Up to `limit` audit entries with id > `after_id`, oldest first; only the
  // customer's when `customer_id` is not empty.
  virtual Result<std::vector<AuditRecord>> AuditEntries(const std::string& customer_id,
                                                        int64_t after_id, int limit) = 0;
  // Erases a customer's personal data (GDPR Art. 17): the customer row keeps
  // its internal id, kind, language, country and dates but is renamed to
  // `pseudonym` with names, addresses, contact data, birth date, gender,
  // company, tags and attributes removed; their orders, returns, Kunden-Club
  // ledger, consents and contacts stay with the row (so every figure stays
  // the same), the contacts' details, feedback comments, task notes and conversation
  // summaries are emptied, and the audit log and
  // loyalty records that name the customer by external id name the
  // pseudonym. False when there is no such customer. In a write transaction.
  virtual Result<bool> EraseCustomer(const std::string& external_id,
                                     const std::string& pseudonym) = 0;
  // Puts the hash of an erased address on the suppression list (again: no change).
  virtual Status AddSuppression(const std::string& hash, const std::string& reason,
                                const std::string& at) = 0;
  virtual Result<bool> IsSuppressed(const std::string& hash) = 0;

  // --- Listening (see listening_records.h). Writes go inside a write transaction.
  // Records an answer and returns its id; kAlreadyExists when its request was
  // answered already or its external id is taken; kNotFound for an unknown customer.
  virtual Result<int64_t> SaveFeedback(const FeedbackRecord& feedback) = 0;
  // Calls fn for every answer the filter selects, by day, then id.
  virtual Status ScanFeedback(const FeedbackFilter& filter,
                              const std::function<void(const FeedbackRecord&)>& fn) = 0;
  // The feedback requests recorded for days from..to that went out (status
  // sent, exported or done), and how many of them were answered.
  virtual Result<FeedbackRequestCounts> CountFeedbackRequests(core::Day from, core::Day to) = 0;
  // Records a new task and returns its id; kAlreadyExists when a task of the
  // same kind and (non-empty) reference exists; kNotFound for an unknown customer.
  virtual Result<int64_t> SaveTask(const TaskRecord& task) = 0;
  // Sets status, assignee, note, due and done_at of task `task.id`; false
  // when there is no such task.
  virtual Result<bool> UpdateTask(const TaskRecord& task) = 0;
  // The tasks the filter selects, by id.
  virtual Result<std::vector<TaskRecord>> ListTasks(const TaskFilter& filter) = 0;
  // Records a new conversation and returns its id; kNotFound for an unknown customer.
  virtual Result<int64_t> SaveConversation(const ConversationRecord& conversation) = 0;
  // Sets topic, complaint, status, assignee, summary, first_response_at,
  // closed_at and updated_at of conversation `conversation.id`; false when
  // there is no such conversation.
  virtual Result<bool> UpdateConversation(const ConversationRecord& conversation) = 0;
  // Calls fn for every conversation the filter selects, by id.
  virtual Status ScanConversations(const ConversationFilter& filter,
                                   const std::function<void(const ConversationRecord&)>& fn) = 0;
};

}  // namespace retain::storage
