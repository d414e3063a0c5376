// Test helpers for presets: an in-memory RecordSink and temporary files.
// Header-only, for *_test.cc files of this directory.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "retain/ingest/import_context.h"
#include "retain/ingest/preset.h"
#include "retain/ingest/record_sink.h"

namespace retain::ingest::testing {

// Keeps every record in vectors, upserting by key like the real store: a
// record with a known key replaces the stored one. Orders and returns with an
// unknown customer, and lines or returns with an unknown order, get kNotFound.
class TestingSink final : public RecordSink {
 public:
  std::vector<model::Customer> customers;
  std::vector<model::Product> products;
  std::vector<model::Order> orders;
  std::vector<model::OrderLine> lines;
  std::vector<model::Return> returns;

  core::Status Customer(model::Customer c) override {
    Upsert(customers, customer_index_, c.external_id, c);
    return {};
  }
  core::Status Product(const model::Product& p) override {
    Upsert(products, product_index_, p.sku, p);
    return {};
  }
  core::Status Order(model::Order o) override {
    if (!customer_index_.contains(o.customer_external_id)) {
      return core::NotFound("unknown customer '" + o.customer_external_id + "'");
    }
    Upsert(orders, order_index_, o.external_id, o);
    return {};
  }
  core::Status OrderLine(model::OrderLine l) override {
    if (!order_index_.contains(l.order_external_id)) {
      return core::NotFound("unknown order '" + l.order_external_id + "'");
    }
    Upsert(lines, line_index_, l.order_external_id + "#" + std::to_string(l.line_no), l);
    return {};
  }
  core::Status Return(const model::Return& r) override {
    if (!r.order_external_id.empty() && !order_index_.contains(r.order_external_id)) {
      return core::NotFound("unknown order '" + r.order_external_id + "'");
    }
    if (!customer_index_.contains(r.customer_external_id)) {
      return core::NotFound("unknown customer '" + r.customer_external_id + "'");
    }
    Upsert(returns, return_index_, r.external_id, r);
    return {};
  }
  core::Result<std::optional<std::string>> CustomerOfOrder(const std::string& id) override {
    auto it = order_index_.find(id);
    if (it == order_index_.end()) return std::optional<std::string>();
    return std::optional<std::string>(orders[it->second].customer_external_id);
  }

  const model::Customer* FindCustomer(const std::string& id) const {
    auto it = customer_index_.find(id);
    return it == customer_index_.end() ? nullptr : &customers[it->second];
  }
  const model::Order* FindOrder(const std::string& id) const {
    auto it = order_index_.find(id);
    return it == order_index_.end() ? nullptr : &orders[it->second];
  }
  const model::Return* FindReturn(const std::string& id) const {
    auto it = return_index_.find(id);
    return it == return_index_.end() ? nullptr : &returns[it->second];
  }
  // Lines of `order_id` in line_no order.
  std::vector<model::OrderLine> LinesOf(const std::string& order_id) const {
    std::map<int32_t, model::OrderLine> by_no;
    for (const auto& l : lines) {
      if (l.order_external_id == order_id) by_no[l.line_no] = l;
    }
    std::vector<model::OrderLine> out;
    for (auto& [no, l] : by_no) out.push_back(l);
    return out;
  }
  int64_t OrderTotal() const {
    int64_t sum = 0;
    for (const auto& o : orders) sum += o.total_minor;
    return sum;
  }

 private:
  template <class T>
  static void Upsert(std::vector<T>& v, std::map<std::string, size_t>& index,
                     const std::string& key, const T& value) {
    auto [it, added] = index.emplace(key, v.size());
    if (added) {
      v.push_back(value);
    } else {
      v[it->second] = value;
    }
  }
  std::map<std::string, size_t> customer_index_, product_index_, order_index_, line_index_,
      return_index_;
};

// A preset run against a TestingSink with its own reporter.
struct ImportRun {
  explicit ImportRun(bool skip_bad = false) : reporter(skip_bad, "") { ctx.reporter = &reporter; }
  core::Status Run(const std::string& preset, const std::vector<std::string>& files) {
    auto p = MakePreset(preset);
    if (!p) return p.error();
    return (*p)->Import(files, ctx, sink);
  }
  RowReporter reporter;
  ImportContext ctx;
  TestingSink sink;
};

// A fresh directory for the current test.
inline std::filesystem::path TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::path(::testing::TempDir()) / "retain_ingest" /
             (std::string(info->test_suite_name()) + "." + info->name());
  static std::string last;
  if (last != dir.string()) {
    std::filesystem::remove_all(dir);
    last = dir.string();
  }
  std::filesystem::create_directories(dir);
  return dir;
}

// Writes `content` (bytes as given) to `name` in the test's directory.
inline std::string WriteFile(const std::string& name, const std::string& content) {
  const auto path = TestDir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

// Path of a file under the repository (RETAIN_SOURCE_DIR, else the build's).
inline std::string SourcePath(const std::string& relative) {
  const char* env = std::getenv("RETAIN_SOURCE_DIR");
#ifdef RETAIN_SOURCE_DIR
  const std::string root = env && *env ? env : RETAIN_SOURCE_DIR;
#else
  const std::string root = env && *env ? env : ".";
#endif
  return root + "/" + relative;
}

// Path of a shared data file ("validation/CDNOW_master.txt"), or empty when
// it is not there (the test should GTEST_SKIP()).
inline std::string SharedDataPath(const std::string& relative) {
  const std::string path = SourcePath("../shared/data/" + relative);
  return std::filesystem::exists(path) ? path : "";
}

}  // namespace retain::ingest::testing
