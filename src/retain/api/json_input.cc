#include "retain/api/json_input.h"

#include "retain/api/json_fields.h"

#include "retain/core/date.h"

namespace retain::api {
namespace {

using nlohmann::json;

model::ConsentState ReadConsent(Fields& f, const json& consents, const char* channel) {
  if (!consents.contains(channel) || consents[channel].is_null())
    return model::ConsentState::kUnknown;
  const auto& v = consents[channel];
  if (v == "granted") return model::ConsentState::kGranted;
  if (v == "denied") return model::ConsentState::kDenied;
  f.Error(std::string("consents.") + channel, "must be \"granted\", \"denied\" or null");
  return model::ConsentState::kUnknown;
}

}  // namespace

std::expected<model::Customer, Problem> CustomerFromJson(const json& body, const std::string& id) {
  Fields f(body, "");
  model::Customer c;
  c.external_id = id;
  std::string body_id;
  f.Text("customer_id", body_id);
  if (!body_id.empty() && body_id != id) f.Error("customer_id", "differs from the id in the path");
  f.Text("first_name", c.first_name);
  f.Text("last_name", c.last_name);
  f.Text("email", c.email, false, 254);
  f.Text("phone", c.phone, false, 64);
  f.Text("street", c.street);
  f.Text("postal_code", c.postal_code, false, 32);
  f.Text("city", c.city);
  f.Text("country", c.country, false, 2);
  std::string birth, type = "b2c";
  f.Text("birth_date", birth, false, 32);
  if (!birth.empty() && !f.failed()) {
    auto d = core::ParseDate(birth);
    if (!d)
      f.Error("birth_date", d.error().message());
    else
      c.birth_date = *d;
  }
  f.Text("gender", c.gender, false, 1);
  if (!c.gender.empty() && c.gender != "f" && c.gender != "m" && c.gender != "d") {
    f.Error("gender", "must be \"f\", \"m\", \"d\" or empty");
  }
  f.Text("language", c.language, false, 16);
  f.Text("type", type, false, 3);
  if (type == "b2b")
    c.kind = model::CustomerKind::kB2B;
  else if (type != "b2c")
    f.Error("type", "must be \"b2c\" or \"b2b\"");
  f.Text("company", c.company);
  f.Text("referral_source", c.referral_source);
  f.Ignore("age");  // computed; tolerated so a GET body can be sent back
  f.Ignore("tags");
  if (f.Has("tags")) {
    const auto& tags = body["tags"];
    if (!tags.is_array()) f.Error("tags", "must be an array of strings");
    for (size_t i = 0; tags.is_array() && i < tags.size(); ++i) {
      if (!tags[i].is_string())
        f.Error("tags[" + std::to_string(i) + "]", "must be a string");
      else
        c.tags.push_back(tags[i].get<std::string>());
    }
  }
  f.Ignore("attributes");
  if (f.Has("attributes")) {
    const auto& attrs = body["attributes"];
    if (!attrs.is_object()) f.Error("attributes", "must be an object of strings");
    for (auto it = attrs.begin(); attrs.is_object() && it != attrs.end(); ++it) {
      if (!it.value().is_string())
        f.Error("attributes." + it.key(), "must be a string");
      else
        c.attributes[it.key()] = it.value().get<std::string>();
    }
  }
  f.Ignore("consents");
  if (f.Has("consents")) {
    const auto& cons = body["consents"];
    if (!cons.is_object()) {
      f.Error("consents", "must be an object");
    } else {
      for (auto it = cons.begin(); it != cons.end(); ++it) {
        const auto& k = it.key();
        if (k != "email" && k != "sms" && k != "phone" && k != "letter") {
          f.Error("consents." + k, "is not a channel (email, sms, phone, letter)");
        }
      }
      c.consents.email = ReadConsent(f, cons, "email");
      c.consents.sms = ReadConsent(f, cons, "sms");
      c.consents.phone = ReadConsent(f, cons, "phone");
      c.consents.letter = ReadConsent(f, cons, "letter");
    }
  }
  f.NoOthers();
  if (f.failed()) return std::unexpected(f.problem());
  return c;
}

std::expected<storage::OrderRecord, Problem> OrderFromJson(const json& body) {
  Fields f(body, "");
  storage::OrderRecord r;
  auto& o = r.order;
  f.Text("order_id", o.external_id, true, 200);
  f.Text("customer_id", o.customer_external_id, true, 200);
  f.Stamp("ordered_at", o.ordered_at);
  std::string channel = "online";
  f.Text("channel", channel, false, 16);
  if (channel == "store")
    o.channel = model::Channel::kStore;
  else if (channel != "online")
    f.Error("channel", "must be \"online\" or \"store\"");
  f.Text("store_id", o.store_id, false, 200);
  f.Text("currency", o.currency, false, 3);
  if (o.currency.size() != 3) f.Error("currency", "must be a three-letter ISO 4217 code (EUR)");
  f.Int("total", o.total_minor, true, 0, int64_t{1} << 50);
  f.Text("status", o.status, false, 64);
  f.Ignore("lines");
  if (f.Has("lines")) {
    const auto& lines = body["lines"];
    if (!lines.is_array()) f.Error("lines", "must be an array");
    for (size_t i = 0; lines.is_array() && i < lines.size() && !f.failed(); ++i) {
      const std::string prefix = "lines[" + std::to_string(i) + "].";
      if (!lines[i].is_object()) {
        f.Error(prefix.substr(0, prefix.size() - 1), "must be an object");
        break;
      }
      Fields lf(lines[i], prefix);
      model::OrderLine l;
      l.order_external_id = o.external_id;
      int64_t line_no = static_cast<int64_t>(i) + 1, qty = 1, price = 0, discount = 0;
      lf.Int("line_no", line_no, false, 1, 65535);
      lf.Text("sku", l.sku, false, 200);
      lf.Text("name", l.name);
      lf.Text("category", l.category);
      lf.Text("brand", l.brand);
      lf.Text("size", l.size, false, 64);
      lf.Int("quantity", qty, false, 1, 1000000);
      lf.Int("unit_price", price, false, 0, int64_t{1} << 50);
      lf.Int("discount", discount, false, 0, int64_t{1} << 50);
      lf.NoOthers();
      if (lf.failed()) return std::unexpected(lf.problem());
      l.line_no = static_cast<int32_t>(line_no);
      l.quantity = static_cast<int32_t>(qty);
      l.unit_price_minor = price;
      l.discount_minor = discount;
      r.lines.push_back(std::move(l));
    }
  }
  f.NoOthers();
  if (f.failed()) return std::unexpected(f.problem());
  return r;
}

std::expected<model::Return, Problem> ReturnFromJson(const json& body) {
  Fields f(body, "");
  model::Return r;
  f.Text("return_id", r.external_id, true, 200);
  f.Text("order_id", r.order_external_id, false, 200);
  f.Text("customer_id", r.customer_external_id, false, 200);
  if (!f.failed() && r.order_external_id.empty() && r.customer_external_id.empty()) {
    f.Error("customer_id", "is required when order_id is not given");
  }
  f.Stamp("returned_at", r.returned_at);
  f.Int("amount", r.amount_minor, true, 0, int64_t{1} << 50);
  f.Text("sku", r.sku, false, 200);
  int64_t qty = 0;
  f.Int("quantity", qty, false, 0, 1000000);
  r.quantity = static_cast<int32_t>(qty);
  f.Text("reason", r.reason);
  f.NoOthers();
  if (f.failed()) return std::unexpected(f.problem());
  return r;
}

nlohmann::ordered_json OrderJson(const storage::OrderRecord& r) {
  const auto& o = r.order;
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (const auto& l : r.lines) {
    lines.push_back({{"line_no", l.line_no},
                     {"sku", l.sku},
                     {"name", l.name},
                     {"category", l.category},
                     {"brand", l.brand},
                     {"size", l.size},
                     {"quantity", l.quantity},
                     {"unit_price", l.unit_price_minor},
                     {"discount", l.discount_minor}});
  }
  return {{"order_id", o.external_id},
          {"customer_id", o.customer_external_id},
          {"ordered_at", core::FormatTimestamp(o.ordered_at)},
          {"channel", model::ChannelName(o.channel)},
          {"store_id", o.store_id},
          {"currency", o.currency},
          {"total", o.total_minor},
          {"status", o.status},
          {"lines", lines}};
}

nlohmann::ordered_json ReturnJson(const model::Return& r) {
  return {{"return_id", r.external_id},
          {"order_id", r.order_external_id},
          {"customer_id", r.customer_external_id},
          {"returned_at", core::FormatTimestamp(r.returned_at)},
          {"amount", r.amount_minor},
          {"sku", r.sku},
          {"quantity", r.quantity},
          {"reason", r.reason}};
}

}  // namespace retain::api
