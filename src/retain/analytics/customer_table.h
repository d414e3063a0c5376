// CustomerTable: the per-customer figures segment rules read, one column per
// field, in customer-index order (as in the Snapshot).
//
//   CustomerTable t(s.customers(), as_of);
//   t.AddNumber("orders", "orders up to today", counts);
//   auto rule = ParseRule("orders >= 2", t.fields());
//   std::vector<uint32_t> who = MatchCustomers(*rule, t);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "retain/analytics/segment_rule.h"
#include "retain/analytics/snapshot.h"
#include "retain/analytics/text_column.h"
#include "retain/core/date.h"

namespace retain::analytics {

class CustomerTable {
 public:
  CustomerTable(size_t customers, core::Day today) : customers_(customers), today_(today) {}

  size_t customers() const { return customers_; }
  core::Day today() const { return today_; }  // what `today` means in a rule
  const std::vector<RuleField>& fields() const { return fields_; }
  // The index of the field called `name` in fields(), or -1.
  int FieldIndex(std::string_view name) const;

  // Adds a number, date (days since 1970-01-01) or duration (days) column of
  // one value per customer; NaN means no value. Replaces a column of the same name.
  void AddNumber(std::string name, std::string description, std::vector<double> values,
                 ValueType type = ValueType::kNumber);
  // Adds a text column from text(c) for every customer c ("" = no value);
  // text may return any string type (a temporary lives while it is stored).
  template <class Text>
  requires std::is_invocable_v<const Text&, size_t>
  void AddText(std::string name, std::string description, const Text& text) {
    TextColumnBuilder column;
    for (size_t c = 0; c < customers_; ++c) column.Append(text(c));
    AddText(std::move(name), std::move(description), column.Finish());
  }
  // Adds a text column as it is (one row per customer).
  void AddText(std::string name, std::string description, TextColumn column);

  // The column of fields()[k]: numbers for number, date and duration fields,
  // texts for text fields.
  const std::vector<double>& numbers(size_t k) const { return numbers_[k]; }
  const TextColumn& texts(size_t k) const { return texts_[k]; }

 private:
  size_t Slot(std::string name, std::string description, ValueType type);

  size_t customers_;
  core::Day today_;
  std::vector<RuleField> fields_;
  std::vector<std::vector<double>> numbers_;  // per field (empty for text fields)
  std::vector<TextColumn> texts_;             // per field (empty for other fields)
};

// Customer indices (ascending) for whom the type-checked rule holds; parsed
// against table.fields(). `snapshot` (the same customers) is what has_tag,
// attribute, birthday_within and the bought_* functions read; without it
// they find nothing. Runs in parallel over blocks of customers.
std::vector<uint32_t> MatchCustomers(const RuleNode& rule, const CustomerTable& table,
                                     const Snapshot* snapshot = nullptr);

}  // namespace retain::analytics
