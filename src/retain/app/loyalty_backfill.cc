#include "retain/app/loyalty_backfill.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool Cancelled(const std::string& status) {
  return SameText(status, "cancelled") || SameText(status, "canceled");
}

// The program counts lines only for promotions on a category.
bool NeedsLines(const loyalty::LoyaltyProgram& p) {
  return std::any_of(p.promotions.begin(), p.promotions.end(),
                     [](const loyalty::Promotion& x) { return !x.category.empty(); });
}

// One thing that happened to a customer: a purchase or a return.
struct Event {
  core::Day day = 0;
  int order = 0;  // purchases before returns on the same day, then as scanned
  size_t index = 0;
};

// An error after which the transaction must be rolled back.
bool Fatal(const core::Status& s) {
  return s.code() == core::Code::kIo || s.code() == core::Code::kInternal;
}

struct Backfill {
  storage::Store& store;
  const LoyaltyClub& club;
  const BackfillRequest& request;
  const std::string& now;
  BackfillReport& report;
  bool lines = false;

  // Enrols one customer and credits their history.
  core::Status Customer(const std::string& id,
                        const std::vector<storage::OrderStatusFact>& orders) {
    std::vector<const storage::OrderStatusFact*> credited;
    for (const auto& o : orders) {
      if (Cancelled(o.status)) {
        ++report.purchases_skipped;
      } else {
        credited.push_back(&o);
      }
    }
    const core::Day joined = credited.empty() ? request.since : credited.front()->day;
    auto enrolled = club.Enroll(store, {id, joined, ""}, now);
    if (!enrolled) return enrolled.error();
    if (!enrolled->created) {  // a member meanwhile (another writer): left alone
      ++report.already_members;
      return {};
    }
    ++report.enrolled;
    if (credited.empty()) return {};
    std::unordered_map<std::string, std::vector<loyalty::BasketLine>> basket_lines;
    if (lines) {
      auto records = store.CustomerOrders(id);
      if (!records) return AsStorageError(records.error());
      for (const auto& r : *records) {
        auto& out = basket_lines[r.order.external_id];
        for (const auto& l : r.lines) {
          out.push_back({l.category,
                         std::max<int64_t>(0, l.unit_price_minor * l.quantity - l.discount_minor)});
        }
      }
    }
    std::vector<model::Return> returns;
    {
      std::unordered_set<std::string> ids;
      for (const auto* o : credited) ids.insert(o->order_id);
      auto all = store.CustomerReturns(id);
      if (!all) return AsStorageError(all.error());
      for (auto& r : *all) {
        if (ids.count(r.order_external_id)) returns.push_back(std::move(r));
      }
    }
    std::vector<Event> events;
    for (size_t i = 0; i < credited.size(); ++i) events.push_back({credited[i]->day, 0, i});
    for (size_t i = 0; i < returns.size(); ++i)
      events.push_back({returns[i].returned_at.day, 1, i});
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.day != b.day ? a.day < b.day : a.order < b.order;
    });
    for (const auto& e : events) {
      if (e.order == 0) {
        const auto& o = *credited[e.index];
        PurchaseRequest r{o.order_id,
                          id,
                          o.total_minor,
                          club.program().currency,
                          o.channel == "store" ? "store" : "online",
                          o.store,
                          o.day,
                          {}};
        if (auto it = basket_lines.find(o.order_id); it != basket_lines.end()) r.lines = it->second;
        auto a = club.Purchase(store, r, now);
        if (!a && Fatal(a.error())) return a.error();
        if (!a || a->replayed) {
          ++report.purchases_skipped;
          continue;
        }
        ++report.purchases;
        report.points_issued += a->json.value("points_earned", int64_t{0});
      } else {
        const auto& x = returns[e.index];
        auto a =
            club.Return(store, {x.external_id, x.order_external_id, x.amount_minor, e.day}, now);
        if (!a && Fatal(a.error())) return a.error();
        if (!a || a->replayed) {
          ++report.returns_skipped;
          continue;
        }
        ++report.returns;
        report.points_returned += a->json.value("points_reversed", int64_t{0});
      }
    }
    return {};
  }
};

}  // namespace

core::Result<BackfillReport> BackfillMembers(storage::Store& store, const LoyaltyClub& club,
                                             const BackfillRequest& request, const std::string& now,
                                             const LoyaltyClub::Progress& progress) {
  if (request.tag.empty() && !request.all) {
    return core::Err(core::InvalidArgument("tag: name the tag of the card holders, or take all"));
  }
  BackfillReport report;
  std::unordered_set<std::string> members;
  if (auto s = store.ScanLoyaltyMembers(
          [&](const storage::LoyaltyMemberRecord& m) { members.insert(m.customer_id); });
      !s.ok()) {
    return core::Err(s);
  }
  // The selected customers who are not members, in customer order.
  std::vector<std::string> todo;
  auto select = [&](const std::string& id) {
    ++report.customers;
    if (members.count(id)) {
      ++report.already_members;
    } else {
      todo.push_back(id);
    }
  };
  core::Status st;
  if (request.all) {
    st = store.ScanCustomers([&](int64_t, const std::string& id) { select(id); });
  } else {
    st = store.ScanCustomerProfiles([&](int64_t, const model::Customer& c) {
      if (std::any_of(c.tags.begin(), c.tags.end(),
                      [&](const std::string& t) { return SameText(t, request.tag); })) {
        select(c.external_id);
      }
    });
  }
  if (!st.ok()) return core::Err(st);
  std::unordered_map<std::string, std::vector<storage::OrderStatusFact>> orders;
  {
    std::unordered_set<std::string> wanted(todo.begin(), todo.end());
    st = store.ScanOrdersBetween(request.since, core::DayFromCivil(9999, 12, 31),
                                 [&](const storage::OrderStatusFact& o) {
                                   if (wanted.count(o.customer_id))
                                     orders[o.customer_id].push_back(o);
                                 });
    if (!st.ok()) return core::Err(st);
  }
  Backfill backfill{store, club, request, now, report, NeedsLines(club.program())};
  const std::vector<storage::OrderStatusFact> none;
  const auto total = static_cast<int64_t>(todo.size());
  for (size_t begin = 0; begin < todo.size(); begin += kBackfillCustomersPerTransaction) {
    const size_t end = std::min(todo.size(), begin + kBackfillCustomersPerTransaction);
    const BackfillReport before = report;
    if (auto s = store.BeginWrite(); !s.ok()) return core::Err(s);
    for (size_t i = begin; i < end; ++i) {
      auto it = orders.find(todo[i]);
      auto s = backfill.Customer(todo[i], it == orders.end() ? none : it->second);
      if (!s.ok()) {
        store.Rollback();
        report = before;
        return core::Err(s);
      }
    }
    if (auto s = store.Commit(); !s.ok()) return core::Err(s);
    if (progress) progress(static_cast<int64_t>(end), total);
  }
  return report;
}

nlohmann::ordered_json BackfillReportJson(const BackfillReport& r) {
  return {{"customers", r.customers},
          {"already_members", r.already_members},
          {"enrolled", r.enrolled},
          {"purchases", r.purchases},
          {"purchases_skipped", r.purchases_skipped},
          {"returns", r.returns},
          {"returns_skipped", r.returns_skipped},
          {"points_issued", r.points_issued},
          {"points_returned", r.points_returned}};
}

}  // namespace retain::app
