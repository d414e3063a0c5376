#include "retain/ingest/shopify_preset.h"

#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "retain/core/text.h"
#include "retain/ingest/generic_preset.h"
#include "retain/ingest/table_reader.h"

namespace retain::ingest {
namespace {

using core::Status;

enum {
  kName,
  kEmail,
  kFinancialStatus,
  kAcceptsMarketing,
  kCurrency,
  kTotal,
  kCreatedAt,
  kQuantity,
  kLineName,
  kLinePrice,
  kLineSku,
  kLineDiscount,
  kBillingName,
  kBillingAddress1,
  kBillingCity,
  kBillingZip,
  kBillingCountry,
  kBillingPhone,
  kBillingCompany,
  kRefunded,
  kCancelledAt,
  kSource,
  kLocation,
  kPhone
};

const std::vector<ColumnSpec> kColumns = {
    {"Name", true},
    {"Email", true},
    {"Financial Status", false},
    {"Accepts Marketing", false},
    {"Currency", true},
    {"Total", true},
    {"Created at", true},
    {"Lineitem quantity", true},
    {"Lineitem name", true},
    {"Lineitem price", true},
    {"Lineitem sku", false},
    {"Lineitem discount", false},
    {"Billing Name", false},
    {"Billing Address1", false},
    {"Billing City", false},
    {"Billing Zip", false},
    {"Billing Country", false},
    {"Billing Phone", false},
    {"Billing Company", false},
    {"Refunded Amount", false},
    {"Cancelled at", false},
    {"Source", false},
    {"Location", false},
    {"Phone", false},
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Keeps '+' and digits of a phone number ("+49 30 1234-56" -> "+4930123456").
std::string PhoneKey(std::string_view phone) {
  std::string out;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out.push_back(c);
  }
  return out;
}

// One accepted row of the order being read.
struct PendingRow {
  model::OrderLine line;
  int64_t file_line = 0;
  std::string raw;
};

// Order fields from the order's first row.
struct OrderHead {
  model::Order order;
  model::Customer customer;  // without external id and email
  int64_t refunded_minor = 0;
  std::optional<core::Timestamp> cancelled_at;
};

class ShopifyImporter {
 public:
  ShopifyImporter(ImportContext& ctx, RecordSink& sink) : ctx_(ctx), sink_(sink) {}

  Status ReadFile(TableReader& t) {
    RowParser p(t);
    for (;;) {
      auto more = t.Next();
      if (!more) return more.error();
      if (!*more) break;
      p.Reset();
      const std::string name = p.Required(kName);
      if (!p.ok()) {
        if (auto s = p.Reject(); !s.ok()) return s;
        continue;
      }
      if (name != current_) {
        if (auto s = Flush(t); !s.ok()) return s;
        if (auto it = first_line_.find(name); it != first_line_.end()) {
          p.Fail(kName, "order " + name + " already appeared at line " +
                            std::to_string(it->second) +
                            "; the rows of one order must follow "
                            "each other");
          current_.clear();
          if (auto s = p.Reject(); !s.ok()) return s;
          continue;
        }
        StartOrder(t, p, name);
        if (!p.ok()) {
          head_rejected_ = true;
          if (auto s = p.Reject(); !s.ok()) return s;
          continue;
        }
      } else if (head_rejected_) {
        p.Fail(kName, "the first row of order " + name + " (line " +
                          std::to_string(first_line_[name]) + ") was rejected");
        if (auto s = p.Reject(); !s.ok()) return s;
        continue;
      }
      if (auto s = LineRow(t, p); !s.ok()) return s;
    }
    auto s = Flush(t);
    current_.clear();
    return s;
  }

 private:
  // Begins order `name` and reads its order fields from the current row.
  void StartOrder(TableReader& t, RowParser& p, const std::string& name) {
    current_ = name;
    first_line_[name] = t.record().line;
    head_rejected_ = false;
    position_ = 0;
    email_.clear();
    phone_.clear();
    head_ = OrderHead{};
    model::Order& o = head_.order;
    o.external_id = name;
    o.ordered_at = p.Timestamp(kCreatedAt);
    o.currency = Upper(p.Required(kCurrency));
    if (!o.currency.empty() && o.currency.size() != 3) {
      p.Fail(kCurrency, "'" + o.currency + "' is not a currency code");
    }
    o.total_minor = p.Money(kTotal, std::nullopt, false);
    o.status = p.Text(kFinancialStatus);
    if (core::AsciiLower(p.Text(kSource)) == "pos") {
      o.channel = model::Channel::kStore;
      o.store_id = p.Text(kLocation);
    }
    head_.refunded_minor = p.Money(kRefunded, 0, false);
    if (!p.Text(kCancelledAt).empty()) head_.cancelled_at = p.Timestamp(kCancelledAt);

    model::Customer& c = head_.customer;
    const std::string full = p.Text(kBillingName);
    const size_t space = full.rfind(' ');
    if (space == std::string::npos) {
      c.first_name = full;
    } else {
      c.first_name = std::string(core::TrimView(std::string_view(full).substr(0, space)));
      c.last_name = full.substr(space + 1);
    }
    c.street = p.Text(kBillingAddress1);
    c.city = p.Text(kBillingCity);
    c.postal_code = p.Text(kBillingZip);
    // Shopify writes "'01067" so spreadsheets keep the leading zero.
    if (!c.postal_code.empty() && c.postal_code[0] == '\'') c.postal_code.erase(0, 1);
    const std::string country = Upper(p.Text(kBillingCountry));
    if (country.size() == 2) {
      c.country = country;
    } else if (!country.empty()) {
      c.attributes["billing_country"] = p.Text(kBillingCountry);
    }
    c.phone = p.Text(kBillingPhone);
    if (c.phone.empty()) c.phone = p.Text(kPhone);
    c.company = p.Text(kBillingCompany);
    if (!c.company.empty()) c.kind = model::CustomerKind::kB2B;
    const std::string consent = p.Text(kAcceptsMarketing);
    if (!ParseConsent(consent, c.consents.email)) {
      p.Fail(kAcceptsMarketing, "'" + consent + "' is not yes or no");
    }
  }

  // Reads the line item of the current row (any row of the order).
  Status LineRow(TableReader& t, RowParser& p) {
    PendingRow row;
    model::OrderLine& l = row.line;
    l.order_external_id = current_;
    l.line_no = ++position_;
    l.sku = p.Text(kLineSku);
    l.name = p.Text(kLineName);
    if (p.Text(kQuantity).empty()) p.Fail(kQuantity, "a value is required");
    l.quantity = static_cast<int32_t>(p.Integer(kQuantity, 1, 1));
    l.unit_price_minor = p.Money(kLinePrice, std::nullopt, false);
    l.discount_minor = p.Money(kLineDiscount, 0, false);
    const std::string email = core::AsciiLower(p.Text(kEmail));
    const std::string phone = PhoneKey(p.Text(kBillingPhone));
    if (!p.ok()) {
      // The order's first row carries the order: without it nothing follows.
      if (position_ == 1) head_rejected_ = true;
      return p.Reject();
    }
    if (email_.empty()) email_ = email;
    if (phone_.empty()) phone_ = phone;
    row.file_line = t.record().line;
    row.raw = t.record().raw;
    rows_.push_back(std::move(row));
    return {};
  }

  // Rejects an accepted row after the fact at column `col` of the spec.
  Status RejectRow(TableReader& t, const PendingRow& row, int col, const std::string& why) {
    RowLocation loc = t.Location(col);
    loc.line = row.file_line;
    return ctx_.reporter->Reject(loc, row.raw, why);
  }

  Status RejectAll(TableReader& t, int col, const std::string& why) {
    for (const auto& row : rows_) {
      if (auto s = RejectRow(t, row, col, why); !s.ok()) return s;
    }
    rows_.clear();
    return {};
  }

  // Writes the order being read: customer, order, lines, refund.
  Status Flush(TableReader& t) {
    if (rows_.empty()) return {};
    std::string customer = email_;
    if (customer.empty() && !phone_.empty()) customer = "shopify-" + phone_;
    if (customer.empty()) {
      return RejectAll(t, kEmail,
                       "order " + current_ +
                           " has no Email and no Billing Phone, so its customer is "
                           "unknown");
    }
    if (!customers_.contains(customer)) {
      model::Customer c = head_.customer;
      c.external_id = customer;
      c.email = email_;
      if (auto s = sink_.Customer(c); !s.ok()) {
        if (s.code() != core::Code::kNotFound) return s;
        return RejectAll(t, kEmail, s.message());
      }
      customers_.insert(customer);
    }
    head_.order.customer_external_id = customer;
    if (auto s = sink_.Order(head_.order); !s.ok()) {
      if (s.code() != core::Code::kNotFound) return s;
      return RejectAll(t, kEmail, s.message());
    }
    for (const auto& row : rows_) {
      if (auto s = sink_.OrderLine(row.line); !s.ok()) {
        if (s.code() != core::Code::kNotFound) return s;
        if (auto r = RejectRow(t, row, kName, s.message()); !r.ok()) return r;
      }
    }
    if (head_.refunded_minor > 0) {
      model::Return r;
      r.external_id = current_ + "-refund";
      r.order_external_id = current_;
      r.customer_external_id = customer;
      r.returned_at = head_.cancelled_at.value_or(head_.order.ordered_at);
      r.amount_minor = head_.refunded_minor;
      r.reason = "refund";
      if (auto s = sink_.Return(r); !s.ok()) {
        if (s.code() != core::Code::kNotFound) return s;
        if (auto e = RejectRow(t, rows_.front(), kRefunded, s.message()); !e.ok()) return e;
      }
    }
    rows_.clear();
    return {};
  }

  ImportContext& ctx_;
  RecordSink& sink_;
  std::string current_;  // Name of the order being read
  bool head_rejected_ = false;
  int32_t position_ = 0;  // rows of the current order so far
  OrderHead head_;
  std::string email_, phone_;  // first ones given in the current order
  std::vector<PendingRow> rows_;
  std::unordered_map<std::string, int64_t> first_line_;  // Name -> its first line
  std::unordered_set<std::string> customers_;
};

}  // namespace

Status ShopifyPreset::Import(const std::vector<std::string>& files, ImportContext& ctx,
                             RecordSink& sink) {
  ShopifyImporter importer(ctx, sink);
  for (const auto& path : files) {
    auto table = TableReader::Open(path, kColumns, ctx);
    if (!table) return table.error();
    if (auto s = importer.ReadFile(**table); !s.ok()) return s;
  }
  return {};
}

}  // namespace retain::ingest
