#include "retain/app/customer_list.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "retain/analytics/lifecycle.h"
#include "retain/analytics/rfm.h"
#include "retain/core/json_out.h"
#include "retain/synth/csv_out.h"

namespace retain::app {
namespace {

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// -1, 0, 1 comparing a and b with ASCII letters folded to lower case.
int CompareFolded(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = Lower(a[i]), y = Lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool EqualFolded(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CompareFolded(a, b) == 0;
}

// Whether `needle` (already folded) occurs in first + " " + last, folded.
bool NameContains(std::string_view first, std::string_view last, std::string_view needle) {
  const size_t n = first.size() + 1 + last.size();
  if (needle.size() > n) return false;
  auto at = [&](size_t i) -> unsigned char {
    if (i < first.size()) return Lower(first[i]);
    if (i == first.size()) return ' ';
    return Lower(last[i - first.size() - 1]);
  };
  for (size_t start = 0; start + needle.size() <= n; ++start) {
    size_t k = 0;
    while (k < needle.size() && at(start + k) == static_cast<unsigned char>(needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// The table's columns the list shows, looked up once.
struct Columns {
  int city, orders, revenue, last_order, days_since, rfm_segment, lifecycle, risk, clv, p_alive;

  static core::Result<Columns> Of(const analytics::CustomerTable& t) {
    Columns c{t.FieldIndex("city"),
              t.FieldIndex("orders"),
              t.FieldIndex("revenue"),
              t.FieldIndex("last_order"),
              t.FieldIndex("days_since_last_order"),
              t.FieldIndex("rfm_segment"),
              t.FieldIndex("lifecycle"),
              t.FieldIndex("risk"),
              t.FieldIndex("clv"),
              t.FieldIndex("p_alive")};
    for (int k : {c.city, c.orders, c.revenue, c.last_order, c.days_since, c.rfm_segment,
                  c.lifecycle, c.risk, c.clv, c.p_alive}) {
      if (k < 0) return core::Err(core::Internal("the customer table lacks a listed field"));
    }
    return c;
  }
};

// Minor units of an amount the table holds in currency units.
int64_t Minor(double units) { return std::llround(units * 100); }

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

void CustomerDirectory::Add(std::string_view first, std::string_view last, std::string_view email) {
  for (std::string_view v : {first, last, email}) {
    text_ += v;
    ends_.push_back(text_.size());
  }
}

core::Result<CustomerDirectory> LoadCustomerDirectory(
    storage::Store& store, const analytics::Snapshot& snapshot,
    const std::unordered_map<std::string_view, uint32_t>& index) {
  const size_t n = snapshot.customers();
  // Customers come in id order, as the snapshot's do: usually the next one.
  struct Names {
    std::string first, last, email;
  };
  std::vector<Names> found(n);
  size_t next = 0;
  auto scanned = store.ScanCustomerProfiles([&](int64_t, const model::Customer& c) {
    size_t k = next;
    if (k >= n || snapshot.customer_ids[k] != c.external_id) {
      auto it = index.find(c.external_id);
      if (it == index.end()) return;  // added after the snapshot was built
      k = it->second;
    }
    next = k + 1;
    found[k] = {c.first_name, c.last_name, c.email};
  });
  if (!scanned.ok()) return core::Err(scanned);
  CustomerDirectory d;
  for (auto& f : found) {
    d.Add(f.first, f.last, f.email);
    f = {};
  }
  return d;
}

core::Result<std::pair<CustomerSort, bool>> ParseCustomerSort(std::string_view text) {
  static const std::pair<const char*, CustomerSort> keys[] = {
      {"customer_id", CustomerSort::kCustomerId},
      {"name", CustomerSort::kName},
      {"orders", CustomerSort::kOrders},
      {"revenue", CustomerSort::kRevenue},
      {"last_order", CustomerSort::kLastOrder},
      {"clv", CustomerSort::kClv},
      {"p_alive", CustomerSort::kPAlive},
      {"days_since_last_order", CustomerSort::kDaysSinceLastOrder}};
  const bool descending = !text.empty() && text[0] == '-';
  const std::string_view name = descending ? text.substr(1) : text;
  std::string list;
  for (const auto& [k, v] : keys) {
    if (name == k) return std::pair{v, descending};
    list += (list.empty() ? "" : ", ") + std::string(k);
  }
  return core::Err(core::InvalidArgument("sort: '" + std::string(text) + "' is not one of " + list +
                                         " (\"-\" in front for descending)"));
}

const std::vector<std::string>& CustomerFilterValues(std::string_view field) {
  static const std::vector<std::string> segments = [] {
    std::vector<std::string> v;
    for (const auto& rule : analytics::DefaultSegmentMap()) v.push_back(rule.name);
    return v;
  }();
  static const std::vector<std::string> stages = [] {
    std::vector<std::string> v;
    for (int s = 0; s < analytics::kLifecycleStageCount; ++s) {
      v.emplace_back(analytics::LifecycleStageName(static_cast<analytics::LifecycleStage>(s)));
    }
    return v;
  }();
  static const std::vector<std::string> risks = {"low", "medium", "high"};
  static const std::vector<std::string> none;
  if (field == "rfm_segment") return segments;
  if (field == "lifecycle") return stages;
  if (field == "risk") return risks;
  return none;
}

core::Result<std::string> CheckCustomerFilter(std::string_view field, std::string_view value) {
  std::string list;
  for (const auto& v : CustomerFilterValues(field)) {
    if (EqualFolded(v, value)) return v;
    list += (list.empty() ? "" : ", ") + v;
  }
  return core::Err(core::InvalidArgument(std::string(field) + ": '" + std::string(value) +
                                         "' is not one of " + list));
}

core::Result<CustomerPage> ListCustomerPage(const CustomerListSource& source,
                                            const CustomerListQuery& query, int64_t offset,
                                            int64_t limit) {
  const auto& t = source.table;
  const auto& ids = source.snapshot.customer_ids;
  const auto& dir = source.directory;
  auto cols = Columns::Of(t);
  if (!cols) return core::Err(cols.error());
  // A text filter as the dictionary id it must have (none: nobody matches).
  auto text_id = [&](int field, const std::string& value) -> int64_t {
    const auto& values = t.texts(field).values;
    auto it = std::find(values.begin(), values.end(), value);
    return it == values.end() ? -1 : it - values.begin();
  };
  const int64_t want_segment =
      query.rfm_segment.empty() ? 0 : text_id(cols->rfm_segment, query.rfm_segment);
  const int64_t want_stage =
      query.lifecycle.empty() ? 0 : text_id(cols->lifecycle, query.lifecycle);
  const int64_t want_risk = query.risk.empty() ? 0 : text_id(cols->risk, query.risk);
  std::string needle;
  for (char ch : query.q) needle.push_back(static_cast<char>(Lower(ch)));

  auto keep = [&](uint32_t c) {
    if (!query.rfm_segment.empty() &&
        static_cast<int64_t>(t.texts(cols->rfm_segment).ids[c]) != want_segment) {
      return false;
    }
    if (!query.lifecycle.empty() &&
        static_cast<int64_t>(t.texts(cols->lifecycle).ids[c]) != want_stage) {
      return false;
    }
    if (!query.risk.empty() && static_cast<int64_t>(t.texts(cols->risk).ids[c]) != want_risk) {
      return false;
    }
    if (!needle.empty()) {
      const bool found = ids[c] == query.q || EqualFolded(dir.email(c), query.q) ||
                         NameContains(dir.first_name(c), dir.last_name(c), needle);
      if (!found) return false;
    }
    return true;
  };
  std::vector<uint32_t> rows;
  if (query.members) {
    for (uint32_t c : *query.members) {
      if (keep(c)) rows.push_back(c);
    }
  } else {
    for (size_t c = 0; c < t.customers(); ++c) {
      if (keep(static_cast<uint32_t>(c))) rows.push_back(static_cast<uint32_t>(c));
    }
  }

  CustomerPage page;
  page.total = static_cast<int64_t>(rows.size());
  const int64_t begin = std::min(std::max<int64_t>(offset, 0), page.total);
  const int64_t end = limit < 0 ? page.total : std::min(page.total, begin + limit);
  if (begin == end) return page;

  // -1, 0, 1 by the sort key; missing numbers last in either direction.
  const int sign = query.descending ? -1 : 1;
  auto by_number = [&](int field) {
    const std::vector<double>& v = t.numbers(field);
    return [&v, sign](uint32_t a, uint32_t b) {
      const bool na = std::isnan(v[a]), nb = std::isnan(v[b]);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
      return v[a] == v[b] ? 0 : (v[a] < v[b] ? -sign : sign);
    };
  };
  std::function<int(uint32_t, uint32_t)> key;
  switch (query.sort) {
    case CustomerSort::kCustomerId:
      key = [](uint32_t, uint32_t) { return 0; };
      break;
    case CustomerSort::kName:
      key = [&dir, sign](uint32_t a, uint32_t b) {
        int c = CompareFolded(dir.last_name(a), dir.last_name(b));
        if (c == 0) c = CompareFolded(dir.first_name(a), dir.first_name(b));
        return c * sign;
      };
      break;
    case CustomerSort::kOrders:
      key = by_number(cols->orders);
      break;
    case CustomerSort::kRevenue:
      key = by_number(cols->revenue);
      break;
    case CustomerSort::kLastOrder:
      key = by_number(cols->last_order);
      break;
    case CustomerSort::kClv:
      key = by_number(cols->clv);
      break;
    case CustomerSort::kPAlive:
      key = by_number(cols->p_alive);
      break;
    case CustomerSort::kDaysSinceLastOrder:
      key = by_number(cols->days_since);
      break;
  }
  const bool id_descending = query.sort == CustomerSort::kCustomerId && query.descending;
  auto less = [&](uint32_t a, uint32_t b) {
    if (const int c = key(a, b); c != 0) return c < 0;
    return id_descending ? ids[b] < ids[a] : ids[a] < ids[b];
  };
  // Only [begin, end) must be in order: the rows before it only need to
  // come first.
  if (begin > 0) std::nth_element(rows.begin(), rows.begin() + begin, rows.end(), less);
  std::partial_sort(rows.begin() + begin, rows.begin() + end, rows.end(), less);
  page.rows.assign(rows.begin() + begin, rows.begin() + end);
  return page;
}

core::Result<std::string> CustomerPageJson(const CustomerListSource& source,
                                           const CustomerPage& page, int64_t offset,
                                           int64_t limit) {
  const auto& t = source.table;
  const auto& dir = source.directory;
  auto cols = Columns::Of(t);
  if (!cols) return core::Err(cols.error());
  core::JsonOut out;
  out.StartObject();
  out.Field("total", page.total);
  out.Field("offset", offset);
  out.Field("limit", limit);
  out.Key("next_offset");
  if (offset + limit < page.total) {
    out.Int(offset + limit);
  } else {
    out.Null();
  }
  out.Key("customers");
  out.StartArray();
  auto text = [&](int field, uint32_t c) {
    const auto v = t.texts(field).at(c);
    if (v.empty()) return out.Null();
    out.String(v);
  };
  auto number = [&](int field, uint32_t c) {
    const double v = t.numbers(field)[c];
    if (std::isnan(v)) return out.Null();
    out.Int(std::llround(v));
  };
  for (uint32_t c : page.rows) {
    out.StartObject();
    out.Field("customer_id", source.snapshot.customer_ids[c]);
    out.Field("first_name", dir.first_name(c));
    out.Field("last_name", dir.last_name(c));
    out.Field("email", dir.email(c));
    out.Key("city");
    text(cols->city, c);
    out.Key("orders");
    number(cols->orders, c);
    out.Field("revenue", Minor(t.numbers(cols->revenue)[c]));
    out.Key("last_order");
    const double last = t.numbers(cols->last_order)[c];
    if (std::isnan(last)) {
      out.Null();
    } else {
      out.String(core::FormatDay(static_cast<core::Day>(last)));
    }
    out.Key("days_since_last_order");
    number(cols->days_since, c);
    out.Key("rfm_segment");
    text(cols->rfm_segment, c);
    out.Key("lifecycle");
    text(cols->lifecycle, c);
    out.Key("risk");
    text(cols->risk, c);
    out.Key("clv");
    const double clv = t.numbers(cols->clv)[c];
    if (std::isnan(clv)) {
      out.Null();
    } else {
      out.Int(Minor(clv));
    }
    out.Key("p_alive");
    out.Double(t.numbers(cols->p_alive)[c]);  // NaN: null
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return out.Take();
}

core::Result<std::string> CustomerCsv(const CustomerListSource& source,
                                      const std::vector<uint32_t>& rows) {
  const auto& t = source.table;
  const auto& dir = source.directory;
  auto cols = Columns::Of(t);
  if (!cols) return core::Err(cols.error());
  std::string out =
      "customer_id,first_name,last_name,email,city,orders,revenue,last_order,"
      "days_since_last_order,rfm_segment,lifecycle,risk,clv,p_alive\n";
  out.reserve(out.size() + rows.size() * 128);
  auto guarded = [&](std::string_view v) {
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) {
      synth::AppendCsvField(out, "'" + std::string(v));
    } else {
      synth::AppendCsvField(out, v);
    }
    out += ',';
  };
  auto whole = [&](double v) {
    if (!std::isnan(v)) synth::AppendInt(out, std::llround(v));
    out += ',';
  };
  auto text = [&](int field, uint32_t c) {
    synth::AppendCsvField(out, t.texts(field).at(c));
    out += ',';
  };
  for (uint32_t c : rows) {
    synth::AppendCsvField(out, source.snapshot.customer_ids[c]);
    out += ',';
    guarded(dir.first_name(c));
    guarded(dir.last_name(c));
    guarded(dir.email(c));
    guarded(t.texts(cols->city).at(c));
    whole(t.numbers(cols->orders)[c]);
    synth::AppendMinor(out, Minor(t.numbers(cols->revenue)[c]));
    out += ',';
    const double last = t.numbers(cols->last_order)[c];
    if (!std::isnan(last)) synth::AppendDay(out, static_cast<core::Day>(last));
    out += ',';
    whole(t.numbers(cols->days_since)[c]);
    text(cols->rfm_segment, c);
    text(cols->lifecycle, c);
    text(cols->risk, c);
    const double clv = t.numbers(cols->clv)[c];
    if (!std::isnan(clv)) synth::AppendMinor(out, Minor(clv));
    out += ',';
    const double p = t.numbers(cols->p_alive)[c];
    if (!std::isnan(p)) out += Number(p);
    out += '\n';
  }
  return out;
}

}  // namespace retain::app
