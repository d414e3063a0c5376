#include "retain/ingest/online_retail_preset.h"

#include <charconv>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "retain/core/text.h"
#include "retain/ingest/table_reader.h"

namespace retain::ingest {
namespace {

using core::Status;

enum { kInvoice, kStock, kDescription, kQuantity, kDate, kPrice, kCustomer, kCountry };

const std::vector<ColumnSpec> kColumns = {
    {"InvoiceNo", true, {"Invoice"}},
    {"StockCode", true},
    {"Description", false},
    {"Quantity", true},
    {"InvoiceDate", true},
    {"UnitPrice", true, {"Price"}},
    {"CustomerID", true, {"Customer ID"}},
    {"Country", false},
};

// "17850" or "17850.0" (a float export) -> "17850"; empty if neither.
std::string NormalizeCustomer(std::string_view s) {
  const size_t dot = s.find('.');
  std::string_view digits = s.substr(0, dot);
  if (digits.empty()) return "";
  for (char c : digits) {
    if (c < '0' || c > '9') return "";
  }
  if (dot != std::string_view::npos) {
    for (char c : s.substr(dot + 1)) {
      if (c != '0') return "";
    }
  }
  return std::string(digits);
}

// One buffered row of the invoice being read.
struct PendingLine {
  model::OrderLine line;
  int64_t amount_minor = 0;  // round(quantity * unit price)
  int64_t file_line = 0;
  std::string raw;
};

// What is known about an invoice so far (it may reappear later in the file).
struct InvoiceState {
  std::string customer;
  core::Timestamp at;
  bool cancellation = false;
  int32_t lines = 0;         // lines written so far
  int64_t amount_minor = 0;  // order total, or refunded amount (positive)
  int64_t units = 0;         // returned units (cancellations)
  std::string first_sku;     // cancellations: the first line's StockCode
};

class OnlineRetailImporter {
 public:
  OnlineRetailImporter(ImportContext& ctx, RecordSink& sink) : ctx_(ctx), sink_(sink) {}

  Status ReadFile(TableReader& t) {
    RowParser p(t);
    for (;;) {
      auto more = t.Next();
      if (!more) return more.error();
      if (!*more) break;
      p.Reset();
      const std::string invoice = p.Required(kInvoice);
      if (invoice != current_) {
        if (auto s = Flush(t); !s.ok()) return s;
        current_ = invoice;
      }
      if (p.Text(kCustomer).empty()) {
        ctx_.reporter->Skip();
        continue;
      }
      if (auto s = Row(t, p, invoice); !s.ok()) return s;
    }
    auto s = Flush(t);
    current_.clear();
    return s;
  }

 private:
  Status Row(TableReader& t, RowParser& p, const std::string& invoice) {
    const std::string customer_text = p.Text(kCustomer);
    const std::string customer = NormalizeCustomer(customer_text);
    if (customer.empty()) p.Fail(kCustomer, "'" + customer_text + "' is not a customer number");
    const std::string qty_text = p.Text(kQuantity);
    int64_t qty = 0;
    auto [end, ec] = std::from_chars(qty_text.data(), qty_text.data() + qty_text.size(), qty);
    if (ec != std::errc() || end != qty_text.data() + qty_text.size() || qty < -1000000000 ||
        qty > 1000000000) {
      p.Fail(kQuantity, "'" + qty_text + "' is not a whole number");
    }
    const std::string price_text = p.Text(kPrice);
    int64_t milli = 0;
    if (price_text.empty()) {
      p.Fail(kPrice, "an amount is required");
    } else if (auto m = core::ParseMilli(price_text, t.decimal_mark()); !m) {
      p.Fail(kPrice, m.error().message());
    } else if (*m < 0) {
      p.Fail(kPrice, "negative unit price " + price_text + " is not allowed");
    } else {
      milli = *m;
    }
    core::Timestamp at;
    if (auto ts = ParseInvoiceDate(p.Text(kDate)); !ts) {
      p.Fail(kDate, ts.error().message());
    } else {
      at = *ts;
    }
    const bool cancellation = !invoice.empty() && (invoice[0] == 'C' || invoice[0] == 'c');
    if (p.ok() && !cancellation && qty <= 0) {
      p.Fail(kQuantity, "quantity " + qty_text +
                            " is not allowed: negative quantity is only allowed on "
                            "cancellations (C...)");
    }
    if (p.ok() && cancellation && qty >= 0) {
      p.Fail(kQuantity, "a cancellation (C...) needs a negative quantity, found " + qty_text);
    }
    auto known = invoices_.find(invoice);
    if (p.ok() && known != invoices_.end() && known->second.customer != customer) {
      p.Fail(kCustomer, "invoice " + invoice + " belongs to customer " + known->second.customer +
                            ", not " + customer);
    }
    if (!p.ok()) return p.Reject();

    if (!customers_.contains(customer)) {
      model::Customer c;
      c.external_id = customer;
      const std::string country = p.Text(kCountry);
      c.country = OnlineRetailCountryCode(country);
      if (!country.empty()) c.attributes["country_name"] = country;
      if (auto s = sink_.Customer(c); !s.ok()) {
        if (s.code() != core::Code::kNotFound) return s;
        p.Fail(kCustomer, s.message());
        return p.Reject();
      }
      customers_.insert(customer);
    }
    if (known == invoices_.end()) {
      InvoiceState st;
      st.customer = customer;
      st.at = at;
      st.cancellation = cancellation;
      invoices_.emplace(invoice, std::move(st));
    }
    PendingLine pl;
    pl.line.order_external_id = invoice;
    pl.line.sku = p.Text(kStock);
    pl.line.name = p.Text(kDescription);
    pl.line.quantity = static_cast<int32_t>(qty);
    pl.line.unit_price_minor = core::DivRound(milli, 10);
    pl.amount_minor = core::DivRound(qty * milli, 10);
    pl.file_line = t.record().line;
    pl.raw = t.record().raw;
    pending_.push_back(std::move(pl));
    return {};
  }

  // Rejects a buffered row at column `col` of the spec.
  Status RejectPending(TableReader& t, const PendingLine& pl, int col, const std::string& why) {
    RowLocation loc = t.Location(col);
    loc.line = pl.file_line;
    return ctx_.reporter->Reject(loc, pl.raw, why);
  }

  // Rejects every buffered row after the sink refused their order or return.
  Status RejectAllPending(TableReader& t, const Status& why) {
    if (why.code() != core::Code::kNotFound) return why;
    for (const auto& pl : pending_) {
      if (auto s = RejectPending(t, pl, kCustomer, why.message()); !s.ok()) return s;
    }
    pending_.clear();
    return {};
  }

  // Writes the buffered rows of the current invoice as an order or a return.
  Status Flush(TableReader& t) {
    if (pending_.empty()) return {};
    InvoiceState& st = invoices_.at(current_);
    int64_t amount = 0, units = 0;
    for (const auto& pl : pending_) amount += pl.amount_minor, units += pl.line.quantity;
    if (st.cancellation) {
      if (st.first_sku.empty()) st.first_sku = pending_.front().line.sku;
      model::Return r;
      r.external_id = current_;
      r.customer_external_id = st.customer;
      r.returned_at = st.at;
      r.amount_minor = st.amount_minor - amount;
      r.quantity = static_cast<int32_t>(st.units - units);
      r.sku = st.first_sku;
      if (auto s = sink_.Return(r); !s.ok()) return RejectAllPending(t, s);
      st.amount_minor = r.amount_minor;
      st.units = r.quantity;
      pending_.clear();
      return {};
    }
    model::Order o;
    o.external_id = current_;
    o.customer_external_id = st.customer;
    o.ordered_at = st.at;
    o.channel = model::Channel::kOnline;
    o.currency = "GBP";
    o.total_minor = st.amount_minor + amount;
    if (auto s = sink_.Order(o); !s.ok()) return RejectAllPending(t, s);
    st.amount_minor = o.total_minor;
    for (auto& pl : pending_) {
      pl.line.line_no = ++st.lines;
      if (auto s = sink_.OrderLine(pl.line); !s.ok()) {
        if (s.code() != core::Code::kNotFound) return s;
        if (auto r = RejectPending(t, pl, kInvoice, s.message()); !r.ok()) return r;
      }
    }
    pending_.clear();
    return {};
  }

  ImportContext& ctx_;
  RecordSink& sink_;
  std::string current_;  // invoice whose rows are in pending_
  std::vector<PendingLine> pending_;
  std::unordered_map<std::string, InvoiceState> invoices_;
  std::unordered_set<std::string> customers_;
};

}  // namespace

std::string OnlineRetailCountryCode(std::string_view name) {
  static const std::unordered_map<std::string_view, const char*> kCodes = {
      {"United Kingdom", "GB"},
      {"Germany", "DE"},
      {"France", "FR"},
      {"EIRE", "IE"},
      {"Ireland", "IE"},
      {"Spain", "ES"},
      {"Netherlands", "NL"},
      {"Belgium", "BE"},
      {"Switzerland", "CH"},
      {"Portugal", "PT"},
      {"Australia", "AU"},
      {"Norway", "NO"},
      {"Italy", "IT"},
      {"Finland", "FI"},
      {"Cyprus", "CY"},
      {"Sweden", "SE"},
      {"Austria", "AT"},
      {"Denmark", "DK"},
      {"Japan", "JP"},
      {"Poland", "PL"},
      {"Israel", "IL"},
      {"USA", "US"},
      {"Hong Kong", "HK"},
      {"Singapore", "SG"},
      {"Iceland", "IS"},
      {"Canada", "CA"},
      {"Greece", "GR"},
      {"Malta", "MT"},
      {"RSA", "ZA"},
      {"United Arab Emirates", "AE"},
      {"Lebanon", "LB"},
      {"Lithuania", "LT"},
      {"Brazil", "BR"},
      {"Czech Republic", "CZ"},
      {"Bahrain", "BH"},
      {"Saudi Arabia", "SA"},
      {"Unspecified", ""},
      {"European Community", ""},
      // Jersey (JE) and Guernsey (GG): no single code.
      {"Channel Islands", ""},
  };
  auto it = kCodes.find(core::TrimView(name));
  return it == kCodes.end() ? "" : it->second;
}

core::Result<core::Timestamp> ParseInvoiceDate(std::string_view text) {
  const std::string_view s = core::TrimView(text);
  auto bad = [&] {
    return core::Err(core::InvalidArgument(
        "'" + std::string(s) +
        "' is not an invoice date (expected YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM)"));
  };
  if (s.empty()) return core::Err(core::InvalidArgument("a date is required"));
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash > 2) {
    auto ts = core::ParseTimestamp(s);
    if (!ts) return bad();
    return ts;
  }
  // M/D/YYYY[ H:MM[:SS]]
  int part[3] = {0, 0, 0};
  const char* p = s.data();
  const char* end = s.data() + s.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, part[i]);
    if (ec != std::errc() || next == p || next - p > (i == 2 ? 4 : 2)) return bad();
    p = next;
    if (i < 2) {
      if (p == end || *p != '/') return bad();
      ++p;
    }
  }
  const int month = part[0], day = part[1], year = part[2];
  if (end - p > 0 && *p != ' ') return bad();
  if (year < 1000 || !core::IsValidCivil(year, month, day)) return bad();
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  auto ts = core::ParseTimestamp(std::string(iso) + std::string(p, end));
  if (!ts) return bad();
  return ts;
}

Status OnlineRetailPreset::Import(const std::vector<std::string>& files, ImportContext& ctx,
                                  RecordSink& sink) {
  OnlineRetailImporter importer(ctx, sink);
  for (const auto& path : files) {
    auto table = TableReader::Open(path, kColumns, ctx);
    if (!table) return table.error();
    if (auto s = importer.ReadFile(**table); !s.ok()) return s;
  }
  return {};
}

}  // namespace retain::ingest
