// LoyaltyClub: the Kunden-Club's use cases (enrol, earn, return, redeem,
// vouchers, bonuses) on a Store, and what members and the shop read back.
//
//   LoyaltyClub club(program);
//   auto answer = club.Purchase(store, purchase, now);  // inside a write transaction
//   if (answer) Send(answer->json);                      // {points_earned, tier, ...}
//
// Writes run inside the caller's write transaction (the server's write
// batcher, or the CLI's). Each checks the request completely before it
// writes; an error of code kIo or kInternal means the transaction must be
// rolled back, any other error means nothing was written. Requests carry a
// natural key (order id, return id, request id); the first answer is stored
// with the write, and a repeat of the same request gets it again (replayed),
// while a different request under a used key is kAlreadyExists.
//
// Days are the shop's calendar days; `now` is an ISO 8601 UTC time for the
// records. The class holds only the program: it is thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "retain/core/date.h"
#include "retain/core/status.h"
#include "retain/loyalty/program.h"
#include "retain/loyalty/promotions.h"
#include "retain/storage/store.h"

namespace retain::app {

// A new voucher code: 16 characters from 32 that cannot be mistaken for
// each other (80 bits), in groups of four: "7KQM-X2TA-...".
core::Result<std::string> NewVoucherCode();

// What a loyalty write answered.
struct LoyaltyAnswer {
  nlohmann::ordered_json json;
  bool created = false;   // something new was recorded (HTTP 201), else 200
  bool replayed = false;  // the stored answer to an earlier identical request
};

struct EnrollRequest {
  std::string customer_id;
  core::Day day = 0;        // the day they join
  std::string referred_by;  // a member who recommended them, or ""
};

struct PurchaseRequest {
  std::string order_id, customer_id;
  int64_t amount_cents = 0;
  std::string currency;  // must be the program's
  std::string channel;   // "online" | "store"
  std::string store_id;
  core::Day day = 0;  // of occurred_at
  std::vector<loyalty::BasketLine> lines;
};

struct ReturnRequest {
  std::string return_id, order_id;
  int64_t amount_cents = 0;
  core::Day day = 0;
};

struct RedemptionRequest {
  std::string request_id, customer_id;
  int64_t points = 0;
  core::Day day = 0;
};

struct BonusRequest {
  std::string request_id, customer_id;
  std::string kind;    // "surprise" | "renewal"
  int64_t points = 0;  // surprise: required; renewal: 0 = the program's renewal_points
  std::string reason;  // surprise: required; renewal: the contract, if any
  core::Day day = 0;
};

struct SimulateRequest {
  std::string customer_id;  // a member whose tier counts, or ""
  std::string tier;         // else this tier by name, else the first
  loyalty::Basket basket;
};

// What a daily job did.
struct LoyaltyJobReport {
  int64_t members = 0;  // looked at
  int64_t changed = 0;  // members whose ledger or tier changed
  int64_t points = 0;   // points expired / granted
  int64_t entries = 0;  // ledger entries written
};

class LoyaltyClub {
 public:
  // `program` must pass loyalty::Validate.
  explicit LoyaltyClub(loyalty::LoyaltyProgram program) : program_(std::move(program)) {}
  const loyalty::LoyaltyProgram& program() const { return program_; }

  // Makes a customer a member at the first tier (kNotFound for an unknown
  // customer, kInvalidArgument for an unknown referrer). An existing member
  // gets their member view (not created). A referral credits both members.
  core::Result<LoyaltyAnswer> Enroll(storage::Store& s, const EnrollRequest& r,
                                     const std::string& now) const;
  // Credits a purchase: {points_earned, tier, points_available, points_pending, ...}.
  // Non-members earn nothing (member: false), but the purchase is recorded.
  core::Result<LoyaltyAnswer> Purchase(storage::Store& s, const PurchaseRequest& r,
                                       const std::string& now) const;
  // Takes back the share of an order's points that a return's value is;
  // kNotFound for an unknown purchase, kInvalidArgument beyond its amount.
  core::Result<LoyaltyAnswer> Return(storage::Store& s, const ReturnRequest& r,
                                     const std::string& now) const;
  // Turns points into a voucher; kFailedPrecondition when too few are available.
  core::Result<LoyaltyAnswer> Redeem(storage::Store& s, const RedemptionRequest& r,
                                     const std::string& now) const;
  // Marks a voucher used for an order (once; the same order again is a replay).
  core::Result<LoyaltyAnswer> UseVoucher(storage::Store& s, const std::string& code,
                                         const std::string& order_id, core::Day day,
                                         const std::string& now) const;
  // Cancels an unused voucher and gives its points back to their lots.
  core::Result<LoyaltyAnswer> CancelVoucher(storage::Store& s, const std::string& code,
                                            core::Day day, const std::string& now) const;
  // Grants bonus points (surprise or contract renewal).
  core::Result<LoyaltyAnswer> Bonus(storage::Store& s, const BonusRequest& r,
                                    const std::string& now) const;

  // The member's view on `day`; kNotFound when not a member.
  core::Result<nlohmann::ordered_json> Member(storage::Store& s, const std::string& customer_id,
                                              core::Day day) const;
  // Up to `limit` ledger entries after seq `after`, and the seq to continue from.
  core::Result<nlohmann::ordered_json> History(storage::Store& s, const std::string& customer_id,
                                               int64_t after, int limit) const;
  // A voucher as it stands on `day` (an unused one past its date is
  // "expired"); kNotFound when there is none with that code.
  core::Result<nlohmann::ordered_json> Voucher(storage::Store& s, const std::string& code,
                                               core::Day day) const;
  // The program's rules as the API shows them (tiers, redemption, expiry,
  // bonuses, promotions).
  nlohmann::ordered_json ProgramView() const;
  // What a basket would earn (writes nothing).
  core::Result<nlohmann::ordered_json> Simulate(storage::Store& s, const SimulateRequest& r) const;
  // Points outstanding on `day` and their value, by tier and by age.
  core::Result<nlohmann::ordered_json> Liability(storage::Store& s, core::Day day) const;

  // The daily jobs, each member in a write transaction of its own (safe to
  // run twice, and alongside the server on PostgreSQL). `progress(done,
  // total)` is called as members are done.
  using Progress = std::function<void(int64_t, int64_t)>;
  // Turns points past their expiry on `day` into expiry entries.
  core::Result<LoyaltyJobReport> Expire(storage::Store& s, core::Day day, const std::string& now,
                                        const Progress& progress = {}) const;
  // Re-evaluates tiers on `day` and grants birthday bonuses due that day.
  core::Result<LoyaltyJobReport> Recalc(storage::Store& s, core::Day day, const std::string& now,
                                        const Progress& progress = {}) const;
  // Verifies that every balance, lot, voucher, purchase and return agrees
  // with the ledger entries: {ok, members, entries, ..., problems: [...]}.
  core::Result<nlohmann::ordered_json> Check(storage::Store& s) const;

 private:
  loyalty::LoyaltyProgram program_;
};

}  // namespace retain::app
