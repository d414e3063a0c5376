// The segment rule language: a condition over a customer's fields, e.g.
//
//   country = "DE" and orders >= 2 and days_since_last_order > 90
//     and (p_alive < 0.5 or risk in ("high", "medium"))
//     and last_order < today - 3m
//
// Grammar (keywords in any case; `=` and `==`, `!=` and `<>` are the same):
//   rule       := or
//   or         := and ("or" and)*
//   and        := not ("and" not)*
//   not        := "not" not | comparison
//   comparison := sum [("=" | "!=" | "<" | "<=" | ">" | ">=") sum
//                      | ["not"] "in" "(" literal ("," literal)* ")"]
//   sum        := primary (("+" | "-") primary)*
//   primary    := NUMBER | DURATION | TEXT | "true" | "false" | "today"
//               | FIELD | FUNCTION "(" arguments ")" | "(" rule ")"
// NUMBER 12 or 0.5; DURATION a whole number with d (days), w (weeks),
// m (months of 30 days) or y (years of 365 days): 90d; TEXT in double or
// single quotes ("Café \"Olé\"" escapes with a backslash).
// Functions: date("2025-12-31"), starts_with(FIELD, TEXT), contains(FIELD, TEXT),
// has_tag(TEXT), attribute(TEXT) (a text like a field: attribute("size") = "42"),
// birthday_within(DURATION) (today counts; 29 February is celebrated on the 28th),
// bought_category(TEXT), bought_sku(TEXT), bought_within(TEXT, DURATION) (a
// category bought on one of the last DURATION days, today included).
//
// Types are checked before anything runs: numbers compare with numbers, dates
// with dates (date +/- duration is a date, date - date a duration), text
// fields with text in quotes (= != in starts_with contains only). A field
// without a value (no order yet, not scored) makes every comparison with it
// false, and `not` of that true.
//
// Errors are InvalidArgument "LINE:COLUMN: what was expected", columns
// counting characters from 1: `1:11: expected a number after '>='`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retain/core/status.h"

namespace retain::analytics {

enum class ValueType { kBool, kNumber, kText, kDate, kDuration };

// "a condition", "a number", "a text", "a date", "a duration".
std::string_view ValueTypeName(ValueType type);
// The same without the article ("number"): a key for JSON.
std::string_view ValueTypeKey(ValueType type);

// A field a rule may name.
struct RuleField {
  std::string name;
  ValueType type = ValueType::kNumber;  // not kBool
  std::string description;              // one line, for `--help` and the docs
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

// A node of the type-checked syntax tree.
struct RuleNode {
  enum class Kind {
    kNumber,          // number: a NUMBER (type number) or a DURATION in days (type duration)
    kText,            // text
    kBool,            // number != 0
    kToday,           // the evaluation day (type date)
    kDate,            // number: a day (date("...") with a constant argument)
    kField,           // field: index into the fields
    kNot,             // children[0]
    kAnd,             // children[0] and children[1]
    kOr,              // children[0] or children[1]
    kCompare,         // children[0] compare children[1]
    kIn,              // children[0] in children[1..]; negated: not in
    kAdd,             // children[0] + children[1]
    kSubtract,        // children[0] - children[1]
    kStartsWith,      // children[0] (a text field) starts with text
    kContains,        // children[0] (a text field) contains text
    kHasTag,          // the customer has tag `text`
    kAttribute,       // the customer's attribute `text` (type text, like a text field)
    kBirthdayWithin,  // the next birthday is at most `number` days after today
    kBoughtCategory,  // bought in category `text` by today (on or after today - `number`
                      // if number >= 0)
    kBoughtSku,       // bought product `text` by today
  };
  Kind kind = Kind::kBool;
  ValueType type = ValueType::kBool;
  double number = 0;
  std::string text;
  int field = -1;
  CompareOp compare = CompareOp::kEq;
  bool negated = false;  // kIn: `not in`
  std::vector<RuleNode> children;
  int line = 1, column = 1;  // where the node starts in the rule text
};

// Parses and type-checks a rule (which must be a condition) over `fields`.
core::Result<RuleNode> ParseRule(std::string_view text, const std::vector<RuleField>& fields);

}  // namespace retain::analytics
