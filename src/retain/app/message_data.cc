#include "retain/app/message_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "retain/app/link_tokens.h"
#include "retain/app/loyalty_club.h"
#include "retain/app/loyalty_member.h"
#include "retain/app/recommendations.h"
#include "retain/contact/triggers.h"
#include "retain/messages/objection_notice.h"

namespace retain::app {
namespace {

using json = nlohmann::json;

bool German(std::string_view language) { return language.rfind("de", 0) == 0; }

// "1234567" -> "1.234.567" (de) or "1,234,567" (en).
std::string Grouped(int64_t v, char sep) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string Salutation(const model::Customer& c, bool german) {
  if (c.gender == "f") return german ? "Frau" : "Ms";
  if (c.gender == "m") return german ? "Herr" : "Mr";
  return "";
}

// The most bought category of the orders (most lines; ties: the name first
// in order), or "".
std::string FavouriteCategory(const std::vector<storage::OrderRecord>& orders) {
  std::map<std::string, int> lines;
  for (const auto& o : orders) {
    for (const auto& l : o.lines) {
      if (!l.category.empty()) ++lines[l.category];
    }
  }
  std::string best;
  int most = 0;
  for (const auto& [name, n] : lines) {
    if (n > most) best = name, most = n;
  }
  return best;
}

bool Cancelled(const model::Order& o) { return o.status == "cancelled" || o.status == "canceled"; }

}  // namespace

std::string FormatAmount(int64_t minor, const std::string& currency, std::string_view language) {
  const bool de = German(language);
  const bool negative = minor < 0;
  const int64_t abs = negative ? -minor : minor;
  std::string number = Grouped(abs / 100, de ? '.' : ',') + (de ? "," : ".") +
                       fmt::format("{:02d}", static_cast<int>(abs % 100));
  if (negative) number = "-" + number;
  const std::string symbol = currency == "EUR" || currency.empty() ? "€" : currency;
  if (de) return number + " " + symbol;
  return symbol == "€" ? symbol + number : symbol + " " + number;
}

std::string FormatLongDay(core::Day day, std::string_view language) {
  static constexpr const char* kDe[] = {"Januar",    "Februar", "März",     "April",
                                        "Mai",       "Juni",    "Juli",     "August",
                                        "September", "Oktober", "November", "Dezember"};
  static constexpr const char* kEn[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  const std::string iso = core::FormatDay(day);  // YYYY-MM-DD
  const int month = std::stoi(iso.substr(5, 2));
  const int dom = std::stoi(iso.substr(8, 2));
  if (German(language)) return fmt::format("{}. {} {}", dom, kDe[month - 1], iso.substr(0, 4));
  return fmt::format("{} {} {}", dom, kEn[month - 1], iso.substr(0, 4));
}

core::Result<MessageComposer> MessageComposer::Create(storage::Store& store,
                                                      const analytics::Snapshot& snapshot,
                                                      MessageSettings settings,
                                                      loyalty::LoyaltyProgram program,
                                                      core::Day day) {
  auto templates = messages::TemplateSet::Load(settings.templates_dir);
  if (!templates) return core::Err(templates.error());
  auto key = LinkKey(store);
  if (!key) return core::Err(key.error());
  MessageComposer c;
  c.settings_ = std::move(settings);
  c.program_ = std::move(program);
  c.snapshot_ = &snapshot;
  c.templates_ = std::make_shared<const messages::TemplateSet>(std::move(*templates));
  c.rules_ =
      std::make_shared<const analytics::AssociationReport>(RecommendationRules(snapshot, day));
  c.link_key_ = std::move(*key);
  c.day_ = day;
  return c;
}

core::Result<json> MessageComposer::Data(storage::Store& store,
                                         const storage::InteractionRecord& contact,
                                         const json& detail, bool preview,
                                         ComposedMessage& m) const {
  const bool de = German(m.language);
  const auto& c = m.customer;
  json data = json::object();
  data["customer"] = {{"salutation", Salutation(c, de)},
                      {"first_name", c.first_name},
                      {"last_name", c.last_name},
                      {"name", c.first_name.empty()  ? c.last_name
                               : c.last_name.empty() ? c.first_name
                                                     : c.first_name + " " + c.last_name},
                      {"company", c.company}};
  const auto& shop = settings_.shop;
  data["shop"] = {{"name", shop.name},
                  {"url", shop.url},
                  {"address", shop.address},
                  {"sender_name", shop.sender_name},
                  {"review_url", shop.review_url}};

  auto orders = store.CustomerOrders(c.external_id);
  if (!orders) return core::Err(orders.error());
  // Only what the customer had bought by the contact's day; the order a
  // contact is about (a feedback request's) is its "last purchase".
  std::erase_if(*orders, [&](const storage::OrderRecord& o) {
    return o.order.ordered_at.day > contact.day || Cancelled(o.order);
  });
  const std::string reference = detail.value("reference", "");
  const auto about = std::find_if(orders->begin(), orders->end(), [&](const auto& o) {
    return reference == "order:" + o.order.external_id;
  });
  if (about != orders->end()) std::rotate(about, about + 1, orders->end());
  for (auto it = orders->rbegin(); it != orders->rend(); ++it) {
    data["last_purchase"] = {
        {"date", FormatLongDay(it->order.ordered_at.day, m.language)},
        {"order_id", it->order.external_id},
        {"amount", FormatAmount(it->order.total_minor, it->order.currency, m.language)}};
    break;
  }
  const auto categories = detail.value("categories", json::array());
  data["favourite_category"] = !categories.empty() && categories[0].is_string()
                                   ? categories[0].get<std::string>()
                                   : FavouriteCategory(*orders);

  const std::string trigger = detail.value("trigger", "");
  const auto purpose = contact::ParseTrigger(trigger);
  const bool sales = purpose && contact::PurposeOf(*purpose) == contact::Purpose::kSales;
  if (sales && settings_.recommendations > 0) {
    auto items = RecommendForCustomer(*snapshot_, *rules_, c.external_id, day_,
                                      static_cast<size_t>(settings_.recommendations));
    if (items && !items->empty()) {
      std::vector<std::string> skus;
      for (const auto& r : *items) skus.push_back(rules_->names[r.product]);
      auto names = store.ProductNames(skus);
      if (!names) return core::Err(names.error());
      json list = json::array();
      for (const auto& sku : skus) {
        const auto n = names->find(sku);
        list.push_back({{"name", n == names->end() ? sku : n->second}, {"sku", sku}});
      }
      data["recommendations"] = list;
    }
  }

  auto member = LoadMember(store, program_, c.external_id, false);
  if (!member) return core::Err(member.error());
  if (*member) {
    const auto& mm = **member;
    const auto tier = TierOn(program_, mm, day_);
    data["loyalty"] = {{"member", true},
                       {"tier", program_.tiers.at(tier.tier).name},
                       {"points_available", mm.ledger.Available(day_)},
                       {"points_expiring", mm.ledger.Expiring(day_, 30)},
                       {"expiry_date", FormatLongDay(day_ + 30, m.language)}};
  }

  const auto& offer = detail.contains("offer") ? detail["offer"] : json();
  if (offer.is_object()) {
    const std::string kind = offer.value("kind", "");
    const int64_t value = offer.value("value", int64_t{0});
    json o = {{"kind", kind}};
    if (kind == "voucher") {
      o["value_text"] = FormatAmount(value, program_.currency, m.language);
      if (!*member && settings_.offer_code.empty()) {
        o = json();  // nothing the customer could redeem
      } else if (!*member) {
        o["voucher_code"] = m.voucher_code = settings_.offer_code;
      } else if (preview) {
        o["voucher_code"] = m.voucher_code = "XXXX-XXXX-XXXX-XXXX";
      } else {
        storage::VoucherRecord v;
        v.customer_id = c.external_id;
        v.request_id = "contact:" + std::to_string(contact.id);
        v.value_cents = value;
        v.currency = program_.currency;
        v.issued_day = day_;
        v.expires_day = day_ + settings_.voucher_valid_days;
        v.state = "issued";
        v.changed_at = contact.created_at;
        auto code = NewVoucherCode();
        if (!code) return core::Err(code.error());
        v.code = *code;
        if (auto s = store.SaveVoucher(v); !s.ok()) return core::Err(s);
        o["voucher_code"] = v.code;
        m.voucher_code = v.code;
      }
    } else if (kind == "points") {
      o["value_text"] = Grouped(value, de ? '.' : ',') + (de ? " Bonuspunkte" : " bonus points");
    }
    if (!o.is_null()) data["offer"] = o;
  }
  // Which channel the text goes out on: {"email": true}, {"letter": true}, ...
  data["channel"] = json::object({{contact.channel.empty() ? "email" : contact.channel, true}});
  data["reason"] = detail.value("reason", "");
  data["subject"] = detail.value("subject", "");
  if (trigger == "event_invitation") data["event"] = {{"name", detail.value("subject", "")}};
  data["figures"] = detail.value("figures", json::array());

  const std::string base = settings_.public_url;
  LinkClaims claims{.purpose = "u",
                    .customer_id = c.external_id,
                    .channel = contact.channel,
                    .language = m.language,
                    .contact_id = contact.id};
  if (trigger != "service_problem") {
    m.unsubscribe_url = base + "/u/" + SignLink(link_key_, claims);
    data["unsubscribe_url"] = m.unsubscribe_url;
  }
  if (trigger == "feedback_request") {
    claims.purpose = "f";
    claims.expires = day_ + settings_.feedback_valid_days;
    data["feedback_url"] = base + "/f/" + SignLink(link_key_, claims);
  }
  // The notice of UWG §7(3) is about the email address.
  data["objection_notice"] = detail.value("objection_notice", false) && contact.channel == "email"
                                 ? messages::ObjectionNotice(m.variant)
                                 : "";
  return data;
}

core::Result<ComposedMessage> MessageComposer::Compose(storage::Store& store,
                                                       const storage::InteractionRecord& contact,
                                                       bool preview) const {
  const auto detail = json::parse(contact.detail, nullptr, false);
  const auto trigger =
      detail.is_object() ? contact::ParseTrigger(detail.value("trigger", "")) : std::nullopt;
  if (!trigger) {
    return core::Err(core::InvalidArgument("contact " + std::to_string(contact.id) +
                                           " is not one of a committed plan"));
  }
  auto customer = store.FindCustomer(contact.customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) return core::Err(core::NotFound("no customer '" + contact.customer_id + "'"));
  ComposedMessage m;
  m.customer = std::move(**customer);
  m.language = German(detail.value("language", "")) ? "de" : "en";
  m.variant = messages::VariantFor(m.language, settings_.informal);
  m.channel = contact.channel;
  auto data = Data(store, contact, detail, preview, m);
  if (!data) return core::Err(data.error());
  m.data = std::move(*data);
  m.rendered = messages::Render(templates_->Find(*trigger, m.variant), m.data);
  return m;
}

}  // namespace retain::app
