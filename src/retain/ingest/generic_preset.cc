#include "retain/ingest/generic_preset.h"

#include <algorithm>
#include <filesystem>

#include "retain/core/text.h"
#include "retain/ingest/table_reader.h"

namespace retain::ingest {
namespace {

using core::Status;

// Turns a sink error about the row (unknown reference, value out of range)
// into a row rejection at `col`; other errors stop the import.
Status SinkResult(const Status& s, RowParser& p, int col) {
  if (s.ok()) return s;
  if (s.code() != core::Code::kNotFound && s.code() != core::Code::kInvalidArgument) return s;
  p.Fail(col, s.message());
  return p.Reject();
}

Status ImportProducts(TableReader& t, RecordSink& sink) {
  enum { kSku, kName, kCategory, kBrand, kPrice };
  auto parse = [&](RowParser& p) {
    model::Product pr;
    pr.sku = p.Required(kSku);
    pr.name = p.Text(kName);
    pr.category = p.Text(kCategory);
    pr.brand = p.Text(kBrand);
    pr.price_minor = p.Money(kPrice, 0, false);
    return pr;
  };
  return ForEachRow(t, parse,
                    [&](const model::Product& pr, RowParser&) { return sink.Product(pr); });
}

const std::vector<ColumnSpec> kCustomerColumns = {
    {"customer_id", true, {"customer", "kundennummer", "id"}},
    {"first_name", false, {"firstname", "vorname"}},
    {"last_name", false, {"lastname", "nachname"}},
    {"email", false, {"e-mail", "mail"}},
    {"phone", false, {"telefon"}},
    {"street", false, {"strasse", "straße"}},
    {"postal_code", false, {"zip", "plz", "postcode"}},
    {"city", false, {"ort", "stadt"}},
    {"country", false, {"land"}},
    {"birth_date", false, {"birthday", "geburtsdatum"}},
    {"gender", false, {"geschlecht"}},
    {"language", false, {"sprache"}},
    {"type", false, {"kind", "customer_type"}},
    {"company", false, {"firma"}},
    {"tags", false},
    {"consent_email", false},
    {"consent_sms", false},
    {"consent_phone", false},
    {"consent_letter", false},
    {"referral_source", false},
    {"created_at", false},
};

void ConsentField(RowParser& p, int col, model::ConsentState& out) {
  const std::string v = p.Text(col);
  if (!ParseConsent(v, out)) p.Fail(col, "'" + v + "' is not a consent (use granted or denied)");
}

Status ImportCustomers(TableReader& t, RecordSink& sink) {
  enum {
    kId,
    kFirst,
    kLast,
    kEmail,
    kPhone,
    kStreet,
    kZip,
    kCity,
    kCountry,
    kBirth,
    kGender,
    kLanguage,
    kType,
    kCompany,
    kTags,
    kCEmail,
    kCSms,
    kCPhone,
    kCLetter,
    kReferral,
    kCreated
  };
  auto parse = [&](RowParser& p) {
    model::Customer c;
    c.external_id = p.Required(kId);
    c.first_name = p.Text(kFirst);
    c.last_name = p.Text(kLast);
    c.email = p.Text(kEmail);
    c.phone = p.Text(kPhone);
    c.street = p.Text(kStreet);
    c.postal_code = p.Text(kZip);
    c.city = p.Text(kCity);
    c.country = p.Text(kCountry);
    for (char& ch : c.country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!c.country.empty() && c.country.size() != 2) {
      p.Fail(kCountry, "'" + c.country + "' is not an ISO 3166 country code (e.g. DE)");
    }
    c.birth_date = p.OptionalDate(kBirth);
    c.gender = core::AsciiLower(p.Text(kGender));
    if (!c.gender.empty() && c.gender != "f" && c.gender != "m" && c.gender != "d") {
      p.Fail(kGender, "'" + c.gender + "' is not a gender (use f, m or d)");
    }
    c.language = core::AsciiLower(p.Text(kLanguage));
    const std::string type = core::AsciiLower(p.Text(kType));
    if (type == "b2b") {
      c.kind = model::CustomerKind::kB2B;
    } else if (!type.empty() && type != "b2c") {
      p.Fail(kType, "'" + type + "' is not a customer type (use b2c or b2b)");
    }
    c.company = p.Text(kCompany);
    const std::string tags = p.Text(kTags);
    for (size_t start = 0; start < tags.size();) {
      size_t end = tags.find('|', start);
      if (end == std::string::npos) end = tags.size();
      std::string tag(core::TrimView(std::string_view(tags).substr(start, end - start)));
      if (!tag.empty()) c.tags.push_back(std::move(tag));
      start = end + 1;
    }
    ConsentField(p, kCEmail, c.consents.email);
    ConsentField(p, kCSms, c.consents.sms);
    ConsentField(p, kCPhone, c.consents.phone);
    ConsentField(p, kCLetter, c.consents.letter);
    c.referral_source = p.Text(kReferral);
    c.created = p.OptionalDate(kCreated);
    for (const auto& [name, idx] : t.ExtraColumns()) {
      std::string v(core::TrimView(t.ExtraField(idx)));
      if (!v.empty()) c.attributes[name] = std::move(v);
    }
    return c;
  };
  return ForEachRow(t, parse,
                    [&](model::Customer& c, RowParser&) { return sink.Customer(std::move(c)); });
}

Status ImportOrders(TableReader& t, RecordSink& sink, const std::string& default_currency) {
  enum { kId, kCustomer, kAt, kChannel, kStore, kCurrency, kTotal, kStatus };
  auto parse = [&](RowParser& p) {
    model::Order o;
    o.external_id = p.Required(kId);
    o.customer_external_id = p.Required(kCustomer);
    o.ordered_at = p.Timestamp(kAt);
    const std::string channel = core::AsciiLower(p.Text(kChannel));
    if (channel == "store" || channel == "pos" || channel == "filiale") {
      o.channel = model::Channel::kStore;
    } else if (!channel.empty() && channel != "online" && channel != "web") {
      p.Fail(kChannel, "'" + channel + "' is not a channel (use online or store)");
    }
    o.store_id = p.Text(kStore);
    o.currency = p.Text(kCurrency);
    for (char& ch : o.currency)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (o.currency.empty()) o.currency = default_currency;
    if (o.currency.size() != 3) p.Fail(kCurrency, "'" + o.currency + "' is not a currency code");
    o.total_minor = p.Money(kTotal, std::nullopt, false);
    o.status = p.Text(kStatus);
    return o;
  };
  return ForEachRow(t, parse, [&](model::Order& o, RowParser& p) {
    return SinkResult(sink.Order(std::move(o)), p, kCustomer);
  });
}

Status ImportOrderLines(TableReader& t, RecordSink& sink) {
  enum { kOrder, kLineNo, kSku, kName, kCategory, kBrand, kSize, kQuantity, kPrice, kDiscount };
  std::string last_order;
  int32_t position = 0;
  auto parse = [&](RowParser& p) {
    model::OrderLine l;
    l.order_external_id = p.Required(kOrder);
    position = l.order_external_id == last_order ? position + 1 : 1;
    last_order = l.order_external_id;
    l.line_no = static_cast<int32_t>(p.Integer(kLineNo, position, 1));
    if (l.line_no > 65535) p.Fail(kLineNo, "line numbers go up to 65535");
    l.sku = p.Text(kSku);
    l.name = p.Text(kName);
    l.category = p.Text(kCategory);
    l.brand = p.Text(kBrand);
    l.size = p.Text(kSize);
    l.quantity = static_cast<int32_t>(p.Integer(kQuantity, 1, 1));
    l.unit_price_minor = p.Money(kPrice, std::nullopt, false);
    l.discount_minor = p.Money(kDiscount, 0, false);
    return l;
  };
  return ForEachRow(t, parse, [&](model::OrderLine& l, RowParser& p) {
    return SinkResult(sink.OrderLine(std::move(l)), p, kOrder);
  });
}

Status ImportReturns(TableReader& t, RecordSink& sink) {
  enum { kId, kOrder, kCustomer, kAt, kAmount, kSku, kQuantity, kReason };
  core::Status lookup_error;
  auto parse = [&](RowParser& p) {
    model::Return r;
    r.external_id = p.Required(kId);
    r.order_external_id = p.Text(kOrder);
    r.customer_external_id = p.Text(kCustomer);
    r.returned_at = p.Timestamp(kAt);
    r.amount_minor = p.Money(kAmount, std::nullopt, false);
    r.sku = p.Text(kSku);
    r.quantity = static_cast<int32_t>(p.Integer(kQuantity, 0, 0));
    r.reason = p.Text(kReason);
    if (r.order_external_id.empty() && r.customer_external_id.empty()) {
      p.Fail(kCustomer, "give order_id or customer_id");
    }
    if (p.ok() && !r.order_external_id.empty() && lookup_error.ok()) {
      auto owner = sink.CustomerOfOrder(r.order_external_id);
      if (!owner) {
        lookup_error = owner.error();
        return r;
      }
      if (!*owner) {
        p.Fail(kOrder, "unknown order '" + r.order_external_id + "'");
      } else if (r.customer_external_id.empty()) {
        r.customer_external_id = **owner;
      } else if (r.customer_external_id != **owner) {
        p.Fail(kCustomer, "order '" + r.order_external_id + "' belongs to customer '" + **owner +
                              "', not '" + r.customer_external_id + "'");
      }
    }
    return r;
  };
  return ForEachRow(t, parse, [&](const model::Return& r, RowParser& p) {
    if (!lookup_error.ok()) return lookup_error;
    return SinkResult(sink.Return(r), p, kCustomer);
  });
}

const std::vector<ColumnSpec>& ColumnsOf(GenericKind kind) {
  static const std::vector<ColumnSpec> products = {{"sku", true, {"artikelnummer"}},
                                                   {"name", false},
                                                   {"category", false, {"kategorie"}},
                                                   {"brand", false, {"marke"}},
                                                   {"price", false, {"preis"}}};
  static const std::vector<ColumnSpec> orders = {
      {"order_id", true, {"order", "bestellnummer"}},
      {"customer_id", true, {"customer"}},
      {"ordered_at", true, {"order_date", "date", "datum"}},
      {"channel", false},
      {"store_id", false, {"store"}},
      {"currency", false, {"waehrung"}},
      {"total", true, {"amount", "betrag"}},
      {"status", false}};
  static const std::vector<ColumnSpec> lines = {{"order_id", true, {"order"}},
                                                {"line_no", false, {"line", "position"}},
                                                {"sku", false},
                                                {"name", false},
                                                {"category", false, {"kategorie"}},
                                                {"brand", false},
                                                {"size", false, {"groesse"}},
                                                {"quantity", false, {"qty", "menge"}},
                                                {"unit_price", true, {"price", "preis"}},
                                                {"discount", false, {"rabatt"}}};
  static const std::vector<ColumnSpec> returns = {
      {"return_id", true, {"return"}},      {"order_id", false, {"order"}},
      {"customer_id", false, {"customer"}}, {"returned_at", true, {"return_date", "date"}},
      {"amount", true, {"betrag"}},         {"sku", false},
      {"quantity", false, {"qty"}},         {"reason", false, {"grund"}}};
  switch (kind) {
    case GenericKind::kProducts:
      return products;
    case GenericKind::kCustomers:
      return kCustomerColumns;
    case GenericKind::kOrders:
      return orders;
    case GenericKind::kOrderLines:
      return lines;
    case GenericKind::kReturns:
      return returns;
  }
  return products;
}

}  // namespace

bool ParseConsent(std::string_view text, model::ConsentState& out) {
  const std::string v = core::AsciiLower(core::TrimView(text));
  if (v.empty()) {
    out = model::ConsentState::kUnknown;
  } else if (v == "granted" || v == "yes" || v == "ja" || v == "1" || v == "true" || v == "y") {
    out = model::ConsentState::kGranted;
  } else if (v == "denied" || v == "no" || v == "nein" || v == "0" || v == "false" || v == "n" ||
             v == "revoked") {
    out = model::ConsentState::kDenied;
  } else {
    return false;
  }
  return true;
}

core::Result<GenericKind> GenericKindOf(const std::string& path) {
  const std::string name = core::AsciiLower(std::filesystem::path(path).filename().string());
  // Most specific first: "order_lines" also contains "order".
  if (name.find("line") != std::string::npos) return GenericKind::kOrderLines;
  if (name.find("return") != std::string::npos) return GenericKind::kReturns;
  if (name.find("customer") != std::string::npos) return GenericKind::kCustomers;
  if (name.find("product") != std::string::npos) return GenericKind::kProducts;
  if (name.find("order") != std::string::npos) return GenericKind::kOrders;
  return core::Err(core::InvalidArgument(
      path +
      ": cannot tell which generic file this is; name it customers.csv, products.csv, "
      "orders.csv, order_lines.csv or returns.csv"));
}

Status GenericPreset::Import(const std::vector<std::string>& files, ImportContext& ctx,
                             RecordSink& sink) {
  std::vector<std::pair<GenericKind, std::string>> ordered;
  for (const auto& f : files) {
    auto kind = GenericKindOf(f);
    if (!kind) return kind.error();
    ordered.emplace_back(*kind, f);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [kind, path] : ordered) {
    auto table = TableReader::Open(path, ColumnsOf(kind), ctx);
    if (!table) return table.error();
    TableReader& t = **table;
    Status s;
    switch (kind) {
      case GenericKind::kProducts:
        s = ImportProducts(t, sink);
        break;
      case GenericKind::kCustomers:
        s = ImportCustomers(t, sink);
        break;
      case GenericKind::kOrders:
        s = ImportOrders(t, sink, ctx.settings.default_currency);
        break;
      case GenericKind::kOrderLines:
        s = ImportOrderLines(t, sink);
        break;
      case GenericKind::kReturns:
        s = ImportReturns(t, sink);
        break;
    }
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace retain::ingest
