#include "retain/analytics/customer_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <unordered_map>

#include "retain/core/parallel.h"

namespace retain::analytics {

int CustomerTable::FieldIndex(std::string_view name) const {
  for (size_t k = 0; k < fields_.size(); ++k) {
    if (fields_[k].name == name) return static_cast<int>(k);
  }
  return -1;
}

size_t CustomerTable::Slot(std::string name, std::string description, ValueType type) {
  if (const int existing = FieldIndex(name); existing >= 0) {
    const auto k = static_cast<size_t>(existing);
    fields_[k] = {std::move(name), type, std::move(description)};
    numbers_[k].clear();
    texts_[k] = {};
    return k;
  }
  fields_.push_back({std::move(name), type, std::move(description)});
  numbers_.emplace_back();
  texts_.emplace_back();
  return fields_.size() - 1;
}

void CustomerTable::AddNumber(std::string name, std::string description, std::vector<double> values,
                              ValueType type) {
  values.resize(customers_, std::numeric_limits<double>::quiet_NaN());
  numbers_[Slot(std::move(name), std::move(description), type)] = std::move(values);
}

void CustomerTable::AddText(std::string name, std::string description, TextColumn column) {
  column.ids.resize(customers_, 0);
  texts_[Slot(std::move(name), std::move(description), ValueType::kText)] = std::move(column);
}

namespace {

constexpr size_t kBlock = 1024;
using Bits = std::array<uint8_t, kBlock>;
using Numbers = std::array<double, kBlock>;

bool Holds(CompareOp op, double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return false;  // no value: never holds
  switch (op) {
    case CompareOp::kEq:
      return a == b;
    case CompareOp::kNe:
      return a != b;
    case CompareOp::kLt:
      return a < b;
    case CompareOp::kLe:
      return a <= b;
    case CompareOp::kGt:
      return a > b;
    default:
      return a >= b;
  }
}

// The rule, bound to the table's columns: text tests become a yes/no per
// dictionary entry, so every customer costs an array lookup.
struct Bound {
  RuleNode::Kind kind;
  CompareOp compare = CompareOp::kEq;
  double number = 0;
  const double* column = nullptr;   // number fields
  const uint32_t* ids = nullptr;    // text tests
  std::vector<uint8_t> mask;        // text tests: per dictionary entry
  std::vector<double> set;          // number `in`: sorted values
  std::vector<uint32_t> owned_ids;  // ids computed for this rule (attribute, has_tag, birthdays)
  bool negated = false;
  bool of_conditions = false;  // kCompare: compares two conditions
  std::vector<Bound> children;
};

// Customer c's value of attribute `key` as a text column.
TextColumn AttributeColumn(const CustomerTable& t, const Snapshot* s, const std::string& key) {
  TextColumnBuilder column;
  const CustomerProfiles* p = s ? &s->profiles : nullptr;
  const std::string prefix = key + CustomerProfiles::kAttributeSeparator;
  for (size_t c = 0; c < t.customers(); ++c) {
    std::string_view value;
    if (p) {
      for (int64_t k = p->attributes.offsets[c]; k < p->attributes.offsets[c + 1]; ++k) {
        const std::string& pair = p->attributes.values[p->attributes.ids[k]];
        if (pair.starts_with(prefix)) value = std::string_view(pair).substr(prefix.size());
      }
    }
    column.Append(value);
  }
  return column.Finish();
}

std::vector<uint32_t> HasTag(const CustomerTable& t, const Snapshot* s, const std::string& tag) {
  std::vector<uint32_t> yes(t.customers(), 0);
  const CustomerProfiles* p = s ? &s->profiles : nullptr;
  if (!p) return yes;
  const auto it = std::find(p->tags.values.begin(), p->tags.values.end(), tag);
  if (it == p->tags.values.end() || tag.empty()) return yes;
  const auto id = static_cast<uint32_t>(it - p->tags.values.begin());
  for (size_t c = 0; c < t.customers(); ++c) {
    for (int64_t k = p->tags.offsets[c]; k < p->tags.offsets[c + 1]; ++k) {
      if (p->tags.ids[k] == id) yes[c] = 1;
    }
  }
  return yes;
}

// Days from `today` to the next birthday on or after it (29 February counts
// as 28 February in other years).
int DaysToBirthday(core::Day birth, core::Day today) {
  const core::CivilDate b = core::CivilFromDay(birth), now = core::CivilFromDay(today);
  auto in_year = [&](int year) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return core::DayFromCivil(year, b.month, b.month == 2 && b.day == 29 && !leap ? 28 : b.day);
  };
  core::Day next = in_year(now.year);
  if (next < today) next = in_year(now.year + 1);
  return next - today;
}

std::vector<uint32_t> BirthdayWithin(const CustomerTable& t, const Snapshot* s, int days) {
  std::vector<uint32_t> yes(t.customers(), 0);
  const CustomerProfiles* p = s ? &s->profiles : nullptr;
  if (!p) return yes;
  for (size_t c = 0; c < t.customers(); ++c) {
    const core::Day birth = p->birth_day[c];
    yes[c] = birth != CustomerProfiles::kNoBirthDay && DaysToBirthday(birth, t.today()) <= days;
  }
  return yes;
}

// Whether each customer bought, on a day in [from, today], a line whose
// product (by_category false) or category is `name`.
std::vector<uint32_t> Bought(const CustomerTable& t, const Snapshot* s, const std::string& name,
                             bool by_category, double from) {
  std::vector<uint32_t> yes(t.customers(), 0);
  if (!s || name.empty()) return yes;
  const auto& names = by_category ? s->categories : s->products;
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return yes;
  const auto id = static_cast<uint32_t>(it - names.begin());
  const auto& items = by_category ? s->item_category : s->item_product;
  core::ParallelFor(t.customers(), [&](size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      for (int64_t k = s->item_offsets[c]; k < s->item_offsets[c + 1]; ++k) {
        if (s->item_day[k] > t.today()) break;  // by day: the rest is later
        if (items[k] == id && s->item_day[k] >= from) {
          yes[c] = 1;
          break;
        }
      }
    }
  });
  return yes;
}

Bound Bind(const RuleNode& n, const CustomerTable& t, const Snapshot* s) {
  Bound b{n.kind};
  b.compare = n.compare;
  b.number = n.kind == RuleNode::Kind::kToday ? t.today() : n.number;
  b.negated = n.negated;
  b.of_conditions = n.kind == RuleNode::Kind::kCompare && n.children[0].type == ValueType::kBool;
  // A test of a customer's text against texts: decided per dictionary entry.
  auto text_test = [&](const RuleNode& source, const std::function<bool(const std::string&)>& yes) {
    const TextColumn* column = nullptr;
    TextColumn attribute;
    if (source.kind == RuleNode::Kind::kAttribute) {
      attribute = AttributeColumn(t, s, source.text);
      b.owned_ids = std::move(attribute.ids);
      b.ids = b.owned_ids.data();
      column = &attribute;
    } else {
      column = &t.texts(static_cast<size_t>(source.field));
      b.ids = column->ids.data();
    }
    b.mask.resize(column->values.size());
    for (size_t k = 1; k < column->values.size(); ++k) b.mask[k] = yes(column->values[k]);
  };
  // A yes/no per customer computed up front: ids 0/1 with the mask {0, 1}.
  auto per_customer = [&](std::vector<uint32_t> yes) {
    b.owned_ids = std::move(yes);
    b.ids = b.owned_ids.data();
    b.mask = {0, 1};
  };
  switch (n.kind) {
    case RuleNode::Kind::kField:
      b.column = t.numbers(static_cast<size_t>(n.field)).data();
      return b;
    case RuleNode::Kind::kCompare:
      if (n.children[0].type == ValueType::kText) {
        const std::string& want = n.children[1].text;
        const bool equal = n.compare == CompareOp::kEq;
        text_test(n.children[0], [&](const std::string& v) { return (v == want) == equal; });
        return b;
      }
      break;
    case RuleNode::Kind::kIn:
      if (n.children[0].type == ValueType::kText) {
        text_test(n.children[0], [&](const std::string& v) {
          return std::any_of(n.children.begin() + 1, n.children.end(),
                             [&](const RuleNode& item) { return item.text == v; }) != n.negated;
        });
        return b;
      }
      b.children.push_back(Bind(n.children[0], t, s));
      for (size_t k = 1; k < n.children.size(); ++k) b.set.push_back(n.children[k].number);
      std::sort(b.set.begin(), b.set.end());
      return b;
    case RuleNode::Kind::kStartsWith:
      text_test(n.children[0], [&](const std::string& v) { return v.starts_with(n.text); });
      return b;
    case RuleNode::Kind::kContains:
      text_test(n.children[0], [&](const std::string& v) { return v.contains(n.text); });
      return b;
    case RuleNode::Kind::kHasTag:
      per_customer(HasTag(t, s, n.text));
      return b;
    case RuleNode::Kind::kBirthdayWithin:
      // Every birthday is within 366 days: longer durations mean the same.
      per_customer(BirthdayWithin(t, s, static_cast<int>(std::min(n.number, 366.0))));
      return b;
    case RuleNode::Kind::kBoughtCategory:
    case RuleNode::Kind::kBoughtSku:
      per_customer(Bought(t, s, n.text, n.kind == RuleNode::Kind::kBoughtCategory,
                          n.number >= 0 ? t.today() - n.number : -1e18));
      return b;
    default:
      break;
  }
  for (const auto& child : n.children) b.children.push_back(Bind(child, t, s));
  return b;
}

// Values of a number, date or duration node for customers [begin, begin+n):
// a pointer into the column for a field, else into `scratch`.
const double* Values(const Bound& b, size_t begin, size_t n, Numbers& scratch) {
  switch (b.kind) {
    case RuleNode::Kind::kField:
      return b.column + begin;
    case RuleNode::Kind::kAdd:
    case RuleNode::Kind::kSubtract: {
      Numbers right;
      const double* l = Values(b.children[0], begin, n, scratch);
      const double* r = Values(b.children[1], begin, n, right);
      const double sign = b.kind == RuleNode::Kind::kAdd ? 1 : -1;
      for (size_t i = 0; i < n; ++i) scratch[i] = l[i] + sign * r[i];
      return scratch.data();
    }
    default:  // constants
      std::fill_n(scratch.begin(), n, b.number);
      return scratch.data();
  }
}

// Whether the condition holds for customers [begin, begin+n), into out.
void Test(const Bound& b, size_t begin, size_t n, Bits& out) {
  switch (b.kind) {
    case RuleNode::Kind::kBool:
      std::fill_n(out.begin(), n, static_cast<uint8_t>(b.number != 0));
      return;
    case RuleNode::Kind::kNot:
      Test(b.children[0], begin, n, out);
      for (size_t i = 0; i < n; ++i) out[i] = !out[i];
      return;
    case RuleNode::Kind::kAnd:
    case RuleNode::Kind::kOr: {
      Bits right;
      Test(b.children[0], begin, n, out);
      Test(b.children[1], begin, n, right);
      if (b.kind == RuleNode::Kind::kAnd) {
        for (size_t i = 0; i < n; ++i) out[i] &= right[i];
      } else {
        for (size_t i = 0; i < n; ++i) out[i] |= right[i];
      }
      return;
    }
    default:
      break;
  }
  if (b.ids) {  // a text test
    for (size_t i = 0; i < n; ++i) out[i] = b.mask[b.ids[begin + i]];
    return;
  }
  if (b.kind == RuleNode::Kind::kIn) {
    Numbers scratch;
    const double* v = Values(b.children[0], begin, n, scratch);
    for (size_t i = 0; i < n; ++i) {
      out[i] =
          std::binary_search(b.set.begin(), b.set.end(), v[i]) != b.negated && !std::isnan(v[i]);
    }
    return;
  }
  // kCompare of two conditions or of two values.
  if (b.of_conditions) {
    Bits right;
    Test(b.children[0], begin, n, out);
    Test(b.children[1], begin, n, right);
    const bool equal = b.compare == CompareOp::kEq;
    for (size_t i = 0; i < n; ++i) out[i] = (out[i] == right[i]) == equal;
    return;
  }
  Numbers left_scratch, right_scratch;
  const double* l = Values(b.children[0], begin, n, left_scratch);
  const double* r = Values(b.children[1], begin, n, right_scratch);
  for (size_t i = 0; i < n; ++i) out[i] = Holds(b.compare, l[i], r[i]);
}

}  // namespace

std::vector<uint32_t> MatchCustomers(const RuleNode& rule, const CustomerTable& table,
                                     const Snapshot* snapshot) {
  if (snapshot && snapshot->customers() != table.customers()) snapshot = nullptr;
  const Bound bound = Bind(rule, table, snapshot);
  const size_t n = table.customers();
  constexpr size_t kMinSlice = 1 << 15;
  std::vector<std::vector<uint32_t>> parts(core::SliceRange(n, kMinSlice).count);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        Bits bits;
        auto& out = parts[slice];
        for (size_t b = begin; b < end; b += kBlock) {
          const size_t len = std::min(kBlock, end - b);
          Test(bound, b, len, bits);
          for (size_t i = 0; i < len; ++i) {
            if (bits[i]) out.push_back(static_cast<uint32_t>(b + i));
          }
        }
      },
      kMinSlice);
  std::vector<uint32_t> matches;
  for (const auto& p : parts) matches.insert(matches.end(), p.begin(), p.end());
  return matches;
}

}  // namespace retain::analytics
