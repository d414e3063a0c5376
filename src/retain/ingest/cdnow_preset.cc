#include "retain/ingest/cdnow_preset.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "retain/core/text.h"

namespace retain::ingest {
namespace {

using core::Status;

// Column positions (0-based) of one CDNOW format.
struct Layout {
  size_t width;
  int id, sample_id, date, cds, value;  // -1 = absent
};
constexpr Layout kSample{5, 0, 1, 2, 3, 4};
constexpr Layout kMaster{4, 0, -1, 1, 2, 3};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* FieldName(const Layout& l, int col) {
  if (col == l.id) return "master_id";
  if (col == l.sample_id) return "sample_id";
  if (col == l.date) return "date";
  if (col == l.cds) return "number_of_cds";
  if (col == l.value) return "dollar_value";
  return "";
}

// Reads one CDNOW file into the sink.
class CdnowFile {
 public:
  CdnowFile(CsvReader& reader, ImportContext& ctx, RecordSink& sink)
      : reader_(reader), ctx_(ctx), sink_(sink) {}

  Status Run() {
    CsvRecord rec;
    bool first = true;
    for (;;) {
      auto more = reader_.Next(rec);
      if (!more) return more.error();
      if (!*more) break;
      if (rec.fields.empty()) continue;  // a line of blanks
      if (ctx_.progress && (++rows_ & 0x3FFF) == 0) {
        ctx_.progress->Update(reader_.path(), reader_.bytes_done(), reader_.bytes_total(), rows_);
      }
      if (first) {
        first = false;
        auto header = DetectLayout(rec);
        if (!header) return header.error();
        if (*header) continue;
      }
      if (auto s = Row(rec); !s.ok()) return s;
    }
    if (ctx_.progress) {
      ctx_.progress->Update(reader_.path(), reader_.bytes_done(), reader_.bytes_total(), rows_);
      ctx_.progress->Done(reader_.path());
    }
    return {};
  }

 private:
  // Picks the layout from the first record; true if it is the master header.
  core::Result<bool> DetectLayout(const CsvRecord& rec) {
    if (core::AsciiLower(rec.fields[0]) == "customer_id" || !AllDigits(rec.fields[0])) {
      if (rec.fields.size() != kMaster.width) {
        return core::Err(core::InvalidArgument(
            reader_.path() + ":" + std::to_string(rec.line) +
            ":1: not a CDNOW log: expected the header 'customer_id date number_of_cds "
            "dollar_value' or a data row"));
      }
      layout_ = kMaster;
      return true;
    }
    if (rec.fields.size() == kSample.width) {
      layout_ = kSample;
    } else if (rec.fields.size() == kMaster.width) {
      layout_ = kMaster;
    } else {
      return core::Err(core::InvalidArgument(
          reader_.path() + ":" + std::to_string(rec.line) +
          ":1: not a CDNOW log: expected 5 "
          "columns (sample: master_id sample_id date number_of_cds dollar_value) or 4 (master: "
          "customer_id date number_of_cds dollar_value), found " +
          std::to_string(rec.fields.size())));
    }
    return false;
  }

  // Reports a bad row at field `col` (0-based); ok means go on.
  Status Reject(const CsvRecord& rec, int col, const std::string& why) {
    RowLocation loc{reader_.path(), rec.line, col + 1, FieldName(layout_, col)};
    return ctx_.reporter->Reject(loc, rec.raw, why);
  }

  Status Row(const CsvRecord& rec) {
    const Layout& l = layout_;
    const auto& f = rec.fields;
    if (f.size() != l.width) {
      const int col = static_cast<int>(std::min(f.size(), l.width));
      return Reject(
          rec, col,
          "expected " + std::to_string(l.width) + " fields, found " + std::to_string(f.size()));
    }
    const std::string& id = f[l.id];
    if (!AllDigits(id)) return Reject(rec, l.id, "'" + id + "' is not a customer number");
    if (l.sample_id >= 0 && !AllDigits(f[l.sample_id])) {
      return Reject(rec, l.sample_id, "'" + f[l.sample_id] + "' is not a customer number");
    }
    const std::string& date_text = f[l.date];
    auto day = core::ParseDate(date_text);
    if (!day || date_text.size() != 8) {
      return Reject(rec, l.date, "'" + date_text + "' is not a date (expected YYYYMMDD)");
    }
    // The ordinal counts every row with a valid customer and date, so order
    // ids do not shift when another row of the same day is fixed later.
    const int n = ++ordinal_[id + "-" + date_text];
    int64_t cds = 0;
    const std::string& cds_text = f[l.cds];
    auto [end, ec] = std::from_chars(cds_text.data(), cds_text.data() + cds_text.size(), cds);
    if (ec != std::errc() || end != cds_text.data() + cds_text.size() || cds < 0 || cds > 1000000) {
      return Reject(rec, l.cds, "'" + cds_text + "' is not a number of CDs (a whole number >= 0)");
    }
    core::MoneyParseOptions mo;
    mo.mark = core::DecimalMark::kPoint;
    mo.allow_negative = false;
    auto total = core::ParseMoney(f[l.value], mo);
    if (!total) return Reject(rec, l.value, total.error().message());

    if (!seen_.contains(id)) {
      model::Customer c;
      c.external_id = id;
      c.country = "US";
      if (auto s = sink_.Customer(c); !s.ok()) return s;
      seen_.insert(id);
    }
    model::Order o;
    o.external_id = id + "-" + date_text + "-" + std::to_string(n);
    o.customer_external_id = id;
    o.ordered_at = core::Timestamp{*day, 0, std::nullopt};
    o.channel = model::Channel::kOnline;
    o.currency = "USD";
    o.total_minor = *total;
    if (auto s = sink_.Order(o); !s.ok()) {
      return s.code() == core::Code::kNotFound ? Reject(rec, l.id, s.message()) : s;
    }
    model::OrderLine line;
    line.order_external_id = o.external_id;
    line.line_no = 1;
    line.sku = "CD";
    line.category = "Music";
    if (cds > 0 && *total % cds == 0) {
      line.name = "CDs";
      line.quantity = static_cast<int32_t>(cds);
      line.unit_price_minor = *total / cds;
    } else {
      // The log has only the sum: one line for the whole purchase.
      line.name = std::to_string(cds) + " CDs";
      line.quantity = 1;
      line.unit_price_minor = *total;
    }
    if (auto s = sink_.OrderLine(line); !s.ok()) {
      return s.code() == core::Code::kNotFound ? Reject(rec, l.id, s.message()) : s;
    }
    return {};
  }

  CsvReader& reader_;
  ImportContext& ctx_;
  RecordSink& sink_;
  Layout layout_ = kSample;
  uint64_t rows_ = 0;
  std::unordered_set<std::string> seen_;
  std::unordered_map<std::string, int> ordinal_;
};

}  // namespace

Status CdnowPreset::Import(const std::vector<std::string>& files, ImportContext& ctx,
                           RecordSink& sink) {
  CsvOptions options = ctx.settings.csv;
  options.whitespace_separated = true;
  for (const auto& path : files) {
    auto reader = CsvReader::Open(path, options);
    if (!reader) return reader.error();
    CdnowFile file(**reader, ctx, sink);
    if (auto s = file.Run(); !s.ok()) return s;
  }
  return {};
}

}  // namespace retain::ingest
