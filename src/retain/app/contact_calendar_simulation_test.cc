// The contact calendar over a year, day by day, on a generated shop: every
// day's plan is built and committed (so the next days' caps see it), order
// problems are reported and complaints recorded along the way; at the end
// every customer's contact history is checked against the rules the arbiter
// promises (arbiter.h, calendar_policy.h):
//  - at most one contact per customer and day;
//  - no contact but service within the quiet period after a complaint;
//  - min_gap_days since the previous contact (of any kind, service included);
//  - at most max_per_30_days contacts in the 30 days ending with a contact,
//    that contact and service messages included;
//  - never the same trigger as the previous contact;
//  - among the last sales_window contacts (the new one included) at most
//    max_sales_in_window sales contacts;
// with the caps of the customer's kind (consumer or business). Service
// messages count towards the caps but are never held back by them: every
// reported problem is answered on the day it is reported.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "retain/app/analytics_session.h"
#include "retain/app/contact_plan.h"
#include "retain/app/import_service.h"
#include "retain/storage/open_store.h"
#include "retain/synth/generate.h"

namespace retain::app {
namespace {

using contact::Purpose;
using contact::PurposeOf;
using contact::Trigger;

// A stable hash (FNV-1a) to pick order problems and complaints.
uint64_t Hash(std::string_view text, uint64_t salt = 0) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

core::Day D(const char* text) { return *core::ParseDate(text); }

struct Contact {
  core::Day day = 0;
  Trigger trigger = Trigger::kKeepInTouch;
  std::string reference;
};

// An order problem reported during the simulation.
struct Problem {
  std::string customer, order;
  core::Day day = 0;
};

std::string Describe(const std::string& customer, const char* rule, const std::vector<Contact>& h,
                     size_t i, size_t from) {
  std::ostringstream out;
  out << customer << ": " << rule << " at " << core::FormatDay(h[i].day) << " ("
      << contact::TriggerName(h[i].trigger) << "); before:";
  for (size_t j = from; j < i; ++j) {
    out << " " << core::FormatDay(h[j].day) << " " << contact::TriggerName(h[j].trigger);
  }
  return out.str();
}

class ContactCalendarSimulation : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_calendar_sim_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

TEST_F(ContactCalendarSimulation, AYearDayByDayKeepsEveryRuleForEveryCustomer) {
  // A shop of 1500 customers (a fifth of them businesses) with three years of
  // history; the calendar runs through its last year.
  synth::GenOptions gen;
  gen.customers = 1500;
  gen.seed = 20250101;
  gen.years = 3;
  gen.end = D("2025-12-31");
  gen.b2b_share = 0.2;
  const std::string shop = (dir_ / "shop").string();
  auto stats = synth::GenerateShop(gen, shop);
  ASSERT_TRUE(stats.has_value()) << stats.error().message();

  const std::string db = (dir_ / "retain.db").string();
  {
    auto store = storage::OpenStore(db, storage::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    ImportRequest request;
    for (const char* f :
         {"customers.csv", "products.csv", "orders.csv", "order_lines.csv", "returns.csv"}) {
      request.files.push_back(shop + "/" + f);
    }
    auto counts = RunImport(**store, request, nullptr);
    ASSERT_TRUE(counts.has_value()) << counts.error().message();
    ASSERT_EQ(counts->customers_added, gen.customers);
  }
  auto session = OpenAnalytics(db);
  ASSERT_TRUE(session.has_value()) << session.error().message();
  storage::Store& store = *session->store;

  // The customers' kinds, from the store.
  std::map<std::string, bool> b2b;
  ASSERT_TRUE(store
                  .ScanCustomerProfiles([&](int64_t, const model::Customer& c) {
                    b2b[c.external_id] = c.kind == model::CustomerKind::kB2B;
                  })
                  .ok());
  ASSERT_EQ(b2b.size(), static_cast<size_t>(gen.customers));

  const core::Day first = D("2025-01-01"), last = D("2025-12-31");
  PlanSettings settings;
  // Businesses: a tighter sales share than consumers, so that mixing up the
  // kinds shows.
  settings.policy.business = {.min_gap_days = 14,
                              .max_per_30_days = 2,
                              .sales_window = 4,
                              .max_sales_in_window = 1,
                              .quiet_days_after_complaint = 21};
  settings.policy.events.push_back({"Sommerfest", D("2025-06-21"), "all", 21});

  settings.listening.satisfaction_call_min_cents = 20000;

  // Complaints of about one customer in 25, on a day of the year: logged as
  // service conversations (or, for some, as a complaint contact).
  std::map<std::string, std::vector<core::Day>> complaints;
  ASSERT_TRUE(store.BeginWrite().ok());
  for (const auto& [id, unused] : b2b) {
    if (Hash(id, 1) % 25 != 0) continue;
    if (Hash(id, 6) % 2 == 0) {
      const core::Day day = first + static_cast<core::Day>(Hash(id, 2) % 365);
      auto c = OpenConversation(store,
                                {.customer_id = id,
                                 .channel = "phone",
                                 .topic = "complaint",
                                 .opened_at = core::FormatDay(day) + "T10:00:00+01:00"},
                                day, "2025-01-01T00:00:00Z");
      ASSERT_TRUE(c.has_value()) << c.error().message();
      complaints[id].push_back(day);
      continue;
    }
    storage::InteractionRecord r;
    r.customer_id = id;
    r.day = first + static_cast<core::Day>(Hash(id, 2) % 365);
    r.kind = "complaint";
    r.reference = "complaint:" + core::FormatDay(r.day);
    r.status = "done";
    r.created_at = "2025-01-01T00:00:00Z";
    ASSERT_TRUE(store.SaveInteraction(r).ok());
    complaints[id].push_back(r.day);
  }
  ASSERT_TRUE(store.Commit().ok());

  int64_t planned = 0, answers = 0, call_backs = 0, promoters = 0, detractors = 0,
          satisfaction_calls = 0;
  std::vector<Problem> problems;
  std::map<std::string, int64_t> by_trigger, suppressed;
  const auto start = std::chrono::steady_clock::now();
  for (core::Day day = first; day <= last; ++day) {
    // One order in 15 of two days ago is reported delayed today.
    std::vector<Problem> late;
    ASSERT_TRUE(store
                    .ScanOrdersBetween(day - 2, day - 2,
                                       [&](const storage::OrderStatusFact& o) {
                                         if (Hash(o.order_id, 3) % 15 == 0)
                                           late.push_back({o.customer_id, o.order_id, day});
                                       })
                    .ok());
    ASSERT_TRUE(store.BeginWrite().ok());
    for (const auto& p : late) {
      auto reported = ReportOrderProblem(store, {p.order, "delayed", "", day}, "sim", "now");
      ASSERT_TRUE(reported.has_value()) << reported.error().message();
      ASSERT_TRUE(*reported) << p.order;
      problems.push_back(p);
    }
    ASSERT_TRUE(store.Commit().ok());

    auto plan = BuildPlan(store, session->snapshot, settings, {.day = day});
    ASSERT_TRUE(plan.has_value()) << core::FormatDay(day) << ": " << plan.error().message();
    ASSERT_EQ(plan->already_contacted, 0) << core::FormatDay(day);
    ASSERT_TRUE(store.BeginWrite().ok());
    auto committed = CommitPlan(store, *plan, core::FormatDay(day) + "T06:00:00Z");
    ASSERT_TRUE(committed.has_value()) << committed.error().message();
    ASSERT_TRUE(store.Commit().ok());
    ASSERT_EQ(committed->recorded, static_cast<int64_t>(plan->contacts.size()));
    planned += committed->recorded;
    ASSERT_TRUE(store.BeginWrite().ok());
    auto calls = OpenSatisfactionCalls(store, day, settings.listening, "now");
    ASSERT_TRUE(store.Commit().ok());
    ASSERT_TRUE(calls.has_value()) << calls.error().message();
    satisfaction_calls += *calls;
    ASSERT_TRUE(store.BeginWrite().ok());
    // One in three feedback requests of two days ago is answered today.
    auto asked = store.InteractionsOn(day - 2);
    ASSERT_TRUE(asked.has_value());
    for (const auto& r : *asked) {
      if (r.kind != "feedback_request" || Hash(r.customer_id + r.reference, 4) % 3 != 0) continue;
      const int score = static_cast<int>(Hash(r.customer_id + r.reference, 5) % 11);
      auto answer = RecordFeedback(store,
                                   {.customer_id = r.customer_id,
                                    .order_id = r.reference.substr(6),
                                    .score = score,
                                    .day = day},
                                   settings.listening, day, "now");
      ASSERT_TRUE(answer.has_value()) << answer.error().message();
      ++answers;
      call_backs += answer->task.has_value();
      promoters += score >= 9;
      detractors += score <= 6;
    }
    ASSERT_TRUE(store.Commit().ok());
    for (const auto& [t, n] : plan->by_trigger) by_trigger[t] += n;
    for (const auto& [rule, n] : plan->suppressed) suppressed[rule] += n;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Every contact recorded, per customer, in the order made.
  std::map<std::string, std::vector<Contact>> contacts;
  int64_t read_back = 0;
  ASSERT_TRUE(store
                  .ScanInteractions([&](const storage::InteractionRecord& r) {
                    const auto trigger = contact::ParseTrigger(r.kind);
                    if (!trigger) return;
                    contacts[r.customer_id].push_back({r.day, *trigger, r.reference});
                    ++read_back;
                  })
                  .ok());
  EXPECT_EQ(read_back, planned);

  // The rules, for every customer.
  std::map<std::string, std::vector<std::string>> violations;  // by rule
  int64_t b2b_contacts = 0, b2c_contacts = 0, service_within_caps = 0;
  int min_b2c_gap = 1000;
  for (auto& [customer, h] : contacts) {
    ASSERT_TRUE(b2b.contains(customer)) << customer;
    std::stable_sort(h.begin(), h.end(),
                     [](const Contact& a, const Contact& b) { return a.day < b.day; });
    const bool business = b2b.at(customer);
    const contact::ContactCaps& caps =
        business ? settings.policy.business : settings.policy.consumer;
    (business ? b2b_contacts : b2c_contacts) += static_cast<int64_t>(h.size());
    const auto complained = complaints.find(customer);
    const std::vector<core::Day> quiet =
        complained == complaints.end() ? std::vector<core::Day>{} : complained->second;
    for (size_t i = 0; i < h.size(); ++i) {
      const core::Day d = h[i].day;
      auto flag = [&](const char* rule, size_t from) {
        violations[rule].push_back(Describe(customer, rule, h, i, from));
      };
      EXPECT_GE(d, first);
      EXPECT_LE(d, last);
      if (i > 0 && h[i - 1].day == d) flag("one_per_day", i - 1);
      // Contacts within the last 30 days, this one included.
      size_t window = i;
      while (window > 0 && d - h[window - 1].day < 30) --window;
      const bool service = PurposeOf(h[i].trigger) == Purpose::kService;
      if (service) {
        // Never blocked: count the ones a cap would have held back.
        if (i > 0 && (d - h[i - 1].day < caps.min_gap_days ||
                      static_cast<int>(i - window + 1) > caps.max_per_30_days))
          ++service_within_caps;
        continue;
      }
      if (i > 0 && !business) min_b2c_gap = std::min(min_b2c_gap, d - h[i - 1].day);
      for (core::Day q : quiet) {
        if (d >= q && d - q < caps.quiet_days_after_complaint) {
          violations["quiet_period"].push_back(Describe(customer, "quiet_period", h, i, i) +
                                               " complaint " + core::FormatDay(q));
        }
      }
      if (i > 0 && d - h[i - 1].day < caps.min_gap_days) flag("min_gap", i - 1);
      if (static_cast<int>(i - window + 1) > caps.max_per_30_days) flag("max_per_30_days", window);
      if (i > 0 && h[i - 1].trigger == h[i].trigger) flag("variety", i - 1);
      if (PurposeOf(h[i].trigger) == Purpose::kSales) {
        const size_t from = i + 1 >= static_cast<size_t>(caps.sales_window)
                                ? i + 1 - static_cast<size_t>(caps.sales_window)
                                : 0;
        int sales = 0;
        for (size_t j = from; j <= i; ++j) sales += PurposeOf(h[j].trigger) == Purpose::kSales;
        if (sales > caps.max_sales_in_window) flag("sales_share", from);
      }
    }
  }

  // Service is never held back: every problem is answered on the day it is
  // reported (every generated customer has a postal address, and a service
  // message needs no consent), or the next days when the customer got
  // another service message that day.
  for (const Problem& p : problems) {
    static const std::vector<Contact> kNone;
    const auto found = contacts.find(p.customer);
    const auto& h = found == contacts.end() ? kNone : found->second;
    const auto answer = std::find_if(h.begin(), h.end(), [&](const Contact& c) {
      return c.trigger == Trigger::kServiceProblem && c.reference == "order:" + p.order;
    });
    const bool busy = std::any_of(h.begin(), h.end(), [&](const Contact& c) {
      return c.trigger == Trigger::kServiceProblem && c.day == p.day;
    });
    if (answer == h.end() || (answer->day != p.day && !busy)) {
      violations["service_answered"].push_back(
          p.customer + ": problem with " + p.order + " reported " + core::FormatDay(p.day) +
          (answer == h.end() ? " not answered" : " answered " + core::FormatDay(answer->day)));
    }
  }

  std::ostringstream info;
  info << gen.customers << " customers ("
       << std::count_if(b2b.begin(), b2b.end(), [](auto& e) { return e.second; })
       << " businesses), " << (last - first + 1) << " days, " << planned << " contacts ("
       << b2c_contacts << " to consumers, " << b2b_contacts << " to businesses) to "
       << contacts.size() << " customers, " << problems.size() << " order problems, "
       << complaints.size() << " complaints, " << service_within_caps
       << " service messages inside the caps, in " << seconds << " s\n  by trigger:";
  for (const auto& [t, n] : by_trigger) info << " " << t << "=" << n;
  info << "\n  answers: " << answers << " (promoters " << promoters << ", detractors " << detractors
       << "), call-backs " << call_backs << ", satisfaction calls " << satisfaction_calls;
  info << "\n  held back:";
  for (const auto& [rule, n] : suppressed) info << " " << rule << "=" << n;
  std::cout << info.str() << "\n";
  RecordProperty("contacts", static_cast<int>(planned));
  RecordProperty("seconds", std::to_string(seconds));

  for (const auto& [rule, list] : violations) {
    std::string examples;
    for (size_t k = 0; k < list.size() && k < 10; ++k) examples += "\n  " + list[k];
    ADD_FAILURE() << list.size() << " contacts break " << rule << ":" << examples;
  }

  // Not vacuous: many contacts, of many triggers, to both kinds; the caps
  // held contacts back; service messages went out inside them.
  EXPECT_GT(planned, 2000);
  EXPECT_GE(by_trigger.size(), 8u);
  EXPECT_GT(by_trigger["service_problem"], 0);
  // Listening: answers come in, detractors get a call-back each, promoters
  // an invitation to review (within the caps checked above, and at most one
  // per answer), large purchases a satisfaction call.
  EXPECT_GT(answers, 100);
  EXPECT_EQ(call_backs, detractors);
  EXPECT_GT(by_trigger["review_invitation"], 0);
  EXPECT_LE(by_trigger["review_invitation"], promoters);
  EXPECT_GT(satisfaction_calls, 0);
  auto tasks = store.ListTasks({});
  ASSERT_TRUE(tasks.has_value());
  EXPECT_EQ(static_cast<int64_t>(tasks->size()), call_backs + satisfaction_calls);
  EXPECT_GT(b2b_contacts, 100);
  EXPECT_GT(b2c_contacts, 1000);
  EXPECT_GT(service_within_caps, 0);
  EXPECT_LT(min_b2c_gap, settings.policy.business.min_gap_days);  // consumer caps, not business
  for (const char* rule : {"min_gap", "max_per_30_days", "variety", "sales_share", "quiet_period"})
    EXPECT_GT(suppressed[rule], 0) << rule;
}

}  // namespace
}  // namespace retain::app
