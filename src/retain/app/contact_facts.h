// What the contact calendar knows about each customer on a day
// (contact::CustomerFacts and their earlier contacts), gathered once for all
// customers from the snapshot and the store.
//
//   auto facts = ContactFacts::Load(store, snapshot, settings, day);
//   for (uint32_t c : customers) Use(facts->Of(c), facts->History(c));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "retain/analytics/snapshot.h"
#include "retain/app/contact_plan.h"
#include "retain/contact/triggers.h"
#include "retain/storage/store.h"

namespace retain::app {

class ContactFacts {
 public:
  // Reads the forecasts, the Kunden-Club members, the recorded consents,
  // the contacts and the recent orders; `snapshot` must outlive the result.
  static core::Result<std::unique_ptr<ContactFacts>> Load(storage::Store& store,
                                                          const analytics::Snapshot& snapshot,
                                                          const PlanSettings& settings,
                                                          core::Day day);

  // The facts of snapshot customer `c` on the day.
  contact::CustomerFacts Of(uint32_t c) const;
  // Their contacts before the day, oldest first.
  const std::vector<contact::PastContact>& History(uint32_t c) const;
  // Whether a contact of theirs is recorded on the day itself.
  bool ContactedToday(uint32_t c) const { return today_.contains(c); }
  // The language of their messages: "de" or "en".
  std::string Language(uint32_t c) const;

 private:
  ContactFacts(const analytics::Snapshot& s, const PlanSettings& settings, core::Day day)
      : s_(s), settings_(settings), day_(day) {}
  core::Status LoadScores(storage::Store& store);
  core::Status LoadMembers(storage::Store& store);
  core::Status LoadConsents(storage::Store& store);
  core::Status LoadContacts(storage::Store& store);
  core::Status LoadRecentOrders(storage::Store& store);
  // Complaints (service conversations) and recent promoter answers.
  core::Status LoadListening(storage::Store& store);
  void IndexProfiles();
  void IndexProducts();
  // Snapshot index of an external id, or -1.
  int64_t IndexOf(const std::string& id) const;

  struct Member {
    std::string tier;
    bool top = false;
    std::optional<core::Day> tier_since;  // an upgrade (not the first tier)
    int64_t expiring_30d = 0;
  };
  struct RecentOrder {
    std::string last_order_id;  // of the latest order up to the day
    core::Day last_day = 0;
    std::optional<core::Day> problem_day;
    std::string problem_order_id;
  };

  const analytics::Snapshot& s_;
  const PlanSettings& settings_;
  const core::Day day_;
  std::unordered_map<std::string_view, uint32_t> index_;
  std::vector<float> p_alive_;  // NaN: no forecast
  std::unordered_map<uint32_t, Member> members_;
  std::unordered_map<uint32_t, std::vector<storage::ConsentRecord>> consents_;
  std::unordered_map<uint32_t, std::vector<contact::PastContact>> history_;
  std::unordered_map<uint32_t, core::Day> complaints_;  // the latest up to the day
  struct Promoter {
    core::Day day = 0;
    int64_t feedback_id = 0;
  };
  std::unordered_map<uint32_t, Promoter> promoters_;  // the latest before the day
  std::unordered_map<uint32_t, RecentOrder> recent_;
  std::unordered_map<uint32_t, bool> today_;
  // Per distinct tag / attribute value of the snapshot.
  std::vector<bool> key_account_tag_;
  struct AttributeFacts {
    std::optional<core::Day> contract_end;
    int email_from_sale = -1;  // -1: not said; 0 / 1
    std::optional<contact::Channel> preferred;
  };
  std::vector<AttributeFacts> attribute_facts_;
  // Products first sold within policy.new_products_days, per category index.
  std::vector<int32_t> new_products_;
};

}  // namespace retain::app
