#include "retain/app/import_service.h"

#include <filesystem>
#include <fstream>

#include "retain/app/gdpr.h"
#include "retain/core/text.h"
#include "retain/ingest/preset.h"

namespace retain::app {
namespace {

using storage::UpsertEffect;

// Writes records to the store and counts what each write did. Customers,
// orders and order lines are buffered and written in batches (much faster in
// bulk); references are checked at once, so a bad row is still reported at its own
// line. Any other call first writes what is buffered, so the store always
// sees records in file order where order matters.
class CountingStoreSink final : public ingest::RecordSink {
 public:
  CountingStoreSink(storage::Store& store, ImportCounts& counts) : store_(store), counts_(counts) {}

  core::Status Customer(model::Customer c) override {
    // An erased person's address does not come back (GDPR Art. 17).
    if (!c.email.empty()) {
      auto suppressed = store_.IsSuppressed(EmailSuppressionHash(c.email));
      if (!suppressed) return suppressed.error();
      if (*suppressed) {
        c.email.clear();
        ++counts_.emails_suppressed;
      }
    }
    if (auto s = FlushOrders(); !s.ok()) return s;
    if (auto s = FlushLines(); !s.ok()) return s;
    customers_.push_back(std::move(c));
    return customers_.size() >= kBatch ? FlushCustomers() : core::Status();
  }
  core::Status Product(const model::Product& p) override {
    if (auto s = Flush(); !s.ok()) return s;
    return Count(store_.UpsertProduct(p), counts_.products_added, counts_.products_updated);
  }
  core::Status Order(model::Order o) override {
    // Orders need their customer: write buffered customers first.
    if (auto s = FlushCustomers(); !s.ok()) return s;
    if (auto s = FlushLines(); !s.ok()) return s;
    auto known = store_.CustomerExists(o.customer_external_id);
    if (!known) return known.error();
    if (!*known) return core::NotFound("unknown customer '" + o.customer_external_id + "'");
    orders_.push_back(std::move(o));
    return orders_.size() >= kBatch ? FlushOrders() : core::Status();
  }
  core::Status OrderLine(model::OrderLine l) override {
    // Lines need their order's id: write buffered orders first.
    if (auto s = FlushCustomers(); !s.ok()) return s;
    if (auto s = FlushOrders(); !s.ok()) return s;
    if (l.line_no < 1 || l.line_no > 65535) {
      return core::InvalidArgument("line number " + std::to_string(l.line_no) +
                                   " is outside 1..65535");
    }
    auto known = store_.OrderExists(l.order_external_id);
    if (!known) return known.error();
    if (!*known) return core::NotFound("unknown order '" + l.order_external_id + "'");
    lines_.push_back(std::move(l));
    return lines_.size() >= kBatch ? FlushLines() : core::Status();
  }
  core::Status Return(const model::Return& r) override {
    if (auto s = Flush(); !s.ok()) return s;
    return Count(store_.UpsertReturn(r), counts_.returns_added, counts_.returns_updated);
  }
  core::Result<std::optional<std::string>> CustomerOfOrder(const std::string& order_id) override {
    if (auto s = Flush(); !s.ok()) return core::Err(s);
    return store_.CustomerOfOrder(order_id);
  }

  // Writes everything buffered.
  core::Status Flush() {
    if (auto s = FlushCustomers(); !s.ok()) return s;
    if (auto s = FlushOrders(); !s.ok()) return s;
    return FlushLines();
  }

 private:
  static constexpr size_t kBatch = 4096;

  core::Status FlushCustomers() {
    if (customers_.empty()) return {};
    auto r = store_.UpsertCustomers(customers_);
    customers_.clear();
    return Add(r, counts_.customers_added, counts_.customers_updated);
  }
  core::Status FlushOrders() {
    if (orders_.empty()) return {};
    auto r = store_.UpsertOrders(orders_);
    orders_.clear();
    return Add(r, counts_.orders_added, counts_.orders_updated);
  }
  core::Status FlushLines() {
    if (lines_.empty()) return {};
    auto r = store_.UpsertOrderLines(lines_);
    lines_.clear();
    return Add(r, counts_.order_lines_added, counts_.order_lines_updated);
  }
  static core::Status Add(const core::Result<storage::UpsertCounts>& r, int64_t& added,
                          int64_t& updated) {
    if (!r) return r.error();
    added += r->added;
    updated += r->updated;
    return {};
  }
  static core::Status Count(const core::Result<UpsertEffect>& r, int64_t& added, int64_t& updated) {
    if (!r) return r.error();
    if (*r == UpsertEffect::kAdded) ++added;
    if (*r == UpsertEffect::kUpdated) ++updated;
    return {};
  }
  storage::Store& store_;
  ImportCounts& counts_;
  std::vector<model::Customer> customers_;
  std::vector<model::Order> orders_;
  std::vector<model::OrderLine> lines_;
};

}  // namespace

core::Status ApplyImportFormat(const ImportFormat& f, ingest::ImportSettings& settings) {
  if (f.encoding == "utf-8" || f.encoding == "utf8") {
    settings.csv.encoding = ingest::Encoding::kUtf8;
  } else if (f.encoding == "windows-1252" || f.encoding == "cp1252" || f.encoding == "latin1") {
    settings.csv.encoding = ingest::Encoding::kWindows1252;
  } else if (f.encoding != "auto" && !f.encoding.empty()) {
    return core::InvalidArgument("encoding must be auto, utf-8 or windows-1252");
  }
  if (f.delimiter == "tab" || f.delimiter == "\\t") {
    settings.csv.delimiter = '\t';
  } else if (f.delimiter.size() == 1) {
    settings.csv.delimiter = f.delimiter[0];
  } else if (!f.delimiter.empty()) {
    return core::InvalidArgument("delimiter must be one character or 'tab'");
  }
  if (f.decimal == "comma") {
    settings.decimal_mark = core::DecimalMark::kComma;
  } else if (f.decimal == "point") {
    settings.decimal_mark = core::DecimalMark::kPoint;
  } else if (!f.decimal.empty()) {
    return core::InvalidArgument("decimal must be comma or point");
  }
  return {};
}

nlohmann::ordered_json ImportCountsJson(const ImportCounts& c) {
  return {{"customers_added", c.customers_added},
          {"customers_updated", c.customers_updated},
          {"orders_added", c.orders_added},
          {"orders_updated", c.orders_updated},
          {"returns_added", c.returns_added},
          {"rows_rejected", c.rows_rejected},
          {"returns_updated", c.returns_updated},
          {"order_lines_added", c.order_lines_added},
          {"order_lines_updated", c.order_lines_updated},
          {"products_added", c.products_added},
          {"products_updated", c.products_updated},
          {"rows_skipped", c.rows_skipped},
          {"emails_suppressed", c.emails_suppressed}};
}

core::Result<std::map<std::string, std::string>> ReadColumnMapping(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::Err(core::NotFound(path + ": cannot read the mapping file"));
  std::map<std::string, std::string> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const std::string_view t = core::TrimView(line);
    if (t.empty()) continue;
    const size_t eq = t.find('=');
    if (eq == std::string_view::npos) {
      return core::Err(core::InvalidArgument(path + ":" + std::to_string(n) +
                                             ":1: expected 'their_column = our_column'"));
    }
    std::string from(core::TrimView(t.substr(0, eq))), to(core::TrimView(t.substr(eq + 1)));
    if (from.empty() || to.empty()) {
      return core::Err(core::InvalidArgument(path + ":" + std::to_string(n) +
                                             ":1: both column names are needed"));
    }
    out[from] = to;
  }
  return out;
}

core::Result<ImportCounts> RunImport(storage::Store& store, const ImportRequest& request,
                                     ingest::ProgressListener* progress) {
  if (request.files.empty()) return core::Err(core::InvalidArgument("no files to import"));
  for (const auto& f : request.files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) {
      return core::Err(core::NotFound(f + ": no such file"));
    }
  }
  auto preset = ingest::MakePreset(request.preset);
  if (!preset) return core::Err(preset.error());
  ingest::ImportContext ctx;
  ctx.settings = request.settings;
  if (!request.mapping_path.empty()) {
    auto mapping = ReadColumnMapping(request.mapping_path);
    if (!mapping) return core::Err(mapping.error());
    ctx.settings.column_renames = std::move(*mapping);
  }
  ingest::RowReporter reporter(request.skip_bad, request.rejects_path);
  ctx.reporter = &reporter;
  ctx.progress = progress;
  ImportCounts counts;
  CountingStoreSink sink(store, counts);
  if (auto s = store.BeginBulkWrite(); !s.ok()) return core::Err(s);
  core::Status s = (*preset)->Import(request.files, ctx, sink);
  if (s.ok()) s = sink.Flush();
  if (s.ok()) s = reporter.Finish();
  if (!s.ok()) {
    store.Rollback();
    return core::Err(s);
  }
  if (auto c = store.Commit(); !c.ok()) return core::Err(c);
  counts.rows_rejected = reporter.rejected();
  counts.rows_skipped = reporter.skipped();
  return counts;
}

}  // namespace retain::app
