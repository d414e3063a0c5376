// libFuzzer target for the segment rule language: any input must either be
// rejected with an error or parse to a rule that evaluates, and a rule and
// its negation must split the customers exactly. Built and run by
// scripts/fuzz.sh (make test runs it briefly).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "retain/analytics/customer_table.h"
#include "retain/analytics/segment_rule.h"

namespace {

using namespace retain::analytics;

const CustomerTable& Table() {
  static const CustomerTable table = [] {
    constexpr double kNone = NAN;
    CustomerTable t(6, 20453);
    t.AddNumber("orders", "", {1, 2, 5, 0, 3, 1e300});
    t.AddNumber("p_alive", "", {0.9, 0.4, kNone, kNone, 0.6, 0});
    t.AddNumber("last_order", "", {20443, 20353, 20053, kNone, 20423, -1e9}, ValueType::kDate);
    t.AddNumber("gap", "", {1, 7, 30, kNone, -5, 0}, ValueType::kDuration);
    const char* country[] = {"DE", "AT", "DE", "", "CH", "Zürich \"x\""};
    t.AddText("country", "", [&](size_t c) { return country[c]; });
    return t;
  }();
  return table;
}

// The same six customers with profiles and order lines, for has_tag,
// attribute, birthday_within and the bought_* functions.
const Snapshot& Shop() {
  static const Snapshot snapshot = [] {
    SnapshotBuilder b;
    for (int c = 0; c < 6; ++c) {
      retain::model::Customer customer;
      customer.external_id = "K" + std::to_string(c);
      if (c % 2 == 0) customer.tags = {"vip", ""};
      if (c < 3) customer.attributes = {{"size", std::to_string(40 + c)}};
      if (c != 3) customer.birth_date = 20453 - 365 * (20 + c) - c * 40;
      b.AddCustomer(c + 1, customer);
    }
    b.AddLine(1, 1, 20443, "SH-1", "Schuhe", 1);
    b.AddLine(1, 1, 20443, "", "", 1);
    b.AddLine(3, 2, 20053, "T-1", "Taschen", 2);
    b.AddLine(6, 3, 20453, "SH-1", "Schuhe", 1);
    b.AddReturn(3, 20060, 100, "T-1");
    return b.Finish();
  }();
  return snapshot;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto rule = ParseRule(text, Table().fields());
  if (!rule) {
    const std::string& m = rule.error().message();
    if (m.empty() || !std::isdigit(static_cast<unsigned char>(m[0]))) std::abort();  // "L:C: ..."
    return 0;
  }
  if (rule->type != ValueType::kBool) std::abort();
  const auto yes = MatchCustomers(*rule, Table(), &Shop());
  RuleNode negation;
  negation.kind = RuleNode::Kind::kNot;
  negation.children.push_back(*rule);
  const auto no = MatchCustomers(negation, Table(), &Shop());
  if (yes.size() + no.size() != Table().customers()) std::abort();
  for (uint32_t c : yes) {
    for (uint32_t d : no) {
      if (c == d) std::abort();
    }
  }
  return 0;
}
