#include "retain/app/gdpr.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "retain/app/consents.h"
#include "retain/app/customer_profile.h"
#include "retain/app/fingerprint.h"
#include "retain/app/listening_json.h"
#include "retain/app/nps_report.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

json Parsed(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

core::Result<json> Loyalty(storage::Store& store, const std::string& id) {
  auto member = store.FindLoyaltyMember(id, false);
  if (!member) return core::Err(member.error());
  if (!*member) return json();
  const auto& m = **member;
  json out = {{"member",
               {{"enrolled_at", m.enrolled_at},
                {"referred_by", m.referred_by},
                {"tier", m.tier},
                {"tier_since", core::FormatDay(m.tier_since)}}},
              {"entries", json::array()},
              {"vouchers", json::array()}};
  auto entries = store.LoyaltyEntries(id, 0, INT32_MAX);
  if (!entries) return core::Err(entries.error());
  for (const auto& e : *entries) {
    out["entries"].push_back({{"seq", e.seq},
                              {"kind", e.kind},
                              {"day", core::FormatDay(e.day)},
                              {"points", e.points},
                              {"reference", e.reference}});
  }
  core::Status s = store.ScanVouchers(id, [&](const storage::VoucherRecord& v) {
    out["vouchers"].push_back({{"code", v.code},
                               {"value_cents", v.value_cents},
                               {"points", v.points},
                               {"issued", core::FormatDay(v.issued_day)},
                               {"expires", core::FormatDay(v.expires_day)},
                               {"state", v.state},
                               {"order_id", v.order_id}});
  });
  if (!s.ok()) return core::Err(s);
  return out;
}

}  // namespace

std::string EmailSuppressionHash(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  if (email.empty()) return "";
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  std::string lower(email);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(lower.data()), lower.size());
  return "email:" + Hex(digest, sizeof digest);
}

core::Result<json> ExportPerson(storage::Store& store, const std::string& customer_id,
                                const std::string& actor, const std::string& now) {
  auto customer = store.FindCustomer(customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) return core::Err(core::NotFound("no customer '" + customer_id + "'"));
  json doc;
  doc["customer"] = Parsed(CustomerJson(**customer, std::nullopt));
  auto orders = store.CustomerOrders(customer_id);
  if (!orders) return core::Err(orders.error());
  doc["orders"] = json::array();
  for (const auto& o : *orders) {
    json lines = json::array();
    for (const auto& l : o.lines) {
      lines.push_back({{"line", l.line_no},
                       {"sku", l.sku},
                       {"name", l.name},
                       {"category", l.category},
                       {"quantity", l.quantity},
                       {"unit_price_minor", l.unit_price_minor},
                       {"discount_minor", l.discount_minor}});
    }
    doc["orders"].push_back({{"order_id", o.order.external_id},
                             {"day", core::FormatDay(o.order.ordered_at.day)},
                             {"store_id", o.order.store_id},
                             {"currency", o.order.currency},
                             {"total_minor", o.order.total_minor},
                             {"status", o.order.status},
                             {"lines", lines}});
  }
  auto returns = store.CustomerReturns(customer_id);
  if (!returns) return core::Err(returns.error());
  doc["returns"] = json::array();
  for (const auto& r : *returns) {
    doc["returns"].push_back({{"return_id", r.external_id},
                              {"order_id", r.order_external_id},
                              {"day", core::FormatDay(r.returned_at.day)},
                              {"amount_minor", r.amount_minor},
                              {"sku", r.sku},
                              {"reason", r.reason}});
  }
  auto consents = ConsentsJson(store, customer_id, true);
  if (!consents) return core::Err(consents.error());
  doc["consents"] = (*consents)["consents"];
  doc["consent_history"] = (*consents)["history"];
  auto contacts = store.CustomerInteractions(customer_id);
  if (!contacts) return core::Err(contacts.error());
  doc["contacts"] = json::array();
  for (const auto& c : *contacts) {
    doc["contacts"].push_back({{"day", core::FormatDay(c.day)},
                               {"kind", c.kind},
                               {"channel", c.channel},
                               {"reference", c.reference},
                               {"status", c.status},
                               {"detail", Parsed(c.detail)}});
  }
  // What the person told the shop, and what the shop did about it.
  doc["feedback"] = json::array();
  auto answers = store.ScanFeedback(
      {.customer_id = customer_id},
      [&](const storage::FeedbackRecord& f) { doc["feedback"].push_back(FeedbackJson(f)); });
  if (!answers.ok()) return core::Err(answers);
  doc["conversations"] = json::array();
  auto talks = store.ScanConversations({.customer_id = customer_id},
                                       [&](const storage::ConversationRecord& c) {
                                         doc["conversations"].push_back(ConversationJson(c));
                                       });
  if (!talks.ok()) return core::Err(talks);
  auto tasks = store.ListTasks({.customer_id = customer_id});
  if (!tasks) return core::Err(tasks.error());
  doc["tasks"] = json::array();
  for (const auto& t : *tasks) doc["tasks"].push_back(TaskJson(t, core::LocalToday()));
  auto loyalty = Loyalty(store, customer_id);
  if (!loyalty) return core::Err(loyalty.error());
  doc["loyalty"] = std::move(*loyalty);
  auto clv = store.FindClvScore(customer_id);
  if (!clv) return core::Err(clv.error());
  doc["lifetime_value"] = json();
  if (*clv) {
    doc["lifetime_value"] = {{"p_alive", (*clv)->p_alive},
                             {"expected_365d", (*clv)->expected_365d},
                             {"clv_minor", (*clv)->clv_minor},
                             {"risk", (*clv)->risk}};
  }
  auto audit = store.AuditEntries(customer_id, 0, 100000);
  if (!audit) return core::Err(audit.error());
  doc["audit"] = json::array();
  for (const auto& a : *audit) {
    doc["audit"].push_back(
        {{"at", a.at}, {"actor", a.actor}, {"action", a.action}, {"detail", Parsed(a.detail)}});
  }
  doc["exported_at"] = now;
  if (auto s = store.AppendAudit({0, now, actor, "export", customer_id, "{}"}); !s.ok()) {
    return core::Err(s);
  }
  return doc;
}

core::Result<Erasure> ErasePerson(storage::Store& store, const std::string& customer_id,
                                  const std::string& actor, const std::string& now) {
  auto customer = store.FindCustomer(customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) return core::Err(core::NotFound("no customer '" + customer_id + "'"));
  if (sodium_init() < 0) return core::Err(core::Internal("libsodium could not be initialised"));
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  Erasure e{customer_id, "erased-" + Hex(random, sizeof random), false};
  const std::string hash = EmailSuppressionHash((*customer)->email);
  if (!hash.empty()) {
    if (auto s = store.AddSuppression(hash, "erased", now); !s.ok()) return core::Err(s);
    e.email_suppressed = true;
  }
  auto erased = store.EraseCustomer(customer_id, e.pseudonym);
  if (!erased) return core::Err(erased.error());
  if (!*erased) return core::Err(core::NotFound("no customer '" + customer_id + "'"));
  const nlohmann::json detail = {{"email_suppressed", e.email_suppressed}};
  if (auto s = store.AppendAudit({0, now, actor, "erase", e.pseudonym, detail.dump()}); !s.ok()) {
    return core::Err(s);
  }
  return e;
}

json ErasureJson(const Erasure& e) {
  return {{"customer_id", e.customer_id},
          {"pseudonym", e.pseudonym},
          {"email_suppressed", e.email_suppressed}};
}

}  // namespace retain::app
