#include "retain/analytics/segment_rule.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "retain/core/date.h"

namespace retain::analytics {
namespace {

enum class Tok {
  kEnd,
  kNumber,
  kDuration,
  kText,
  kName,
  kLParen,
  kRParen,
  kComma,
  kPlus,
  kMinus,
  kCompare,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string_view spelling;  // as written
  std::string text;           // kText: unescaped; kName: lower-cased
  double number = 0;          // kNumber; kDuration in days
  CompareOp compare = CompareOp::kEq;
  int line = 1, column = 1;
};

core::Status ErrorAt(int line, int column, const std::string& what) {
  return core::InvalidArgument(std::to_string(line) + ":" + std::to_string(column) + ": " + what);
}

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

// Splits the rule into tokens, tracking line and column (in characters).
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  core::Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      SkipSpace();
      Token t;
      t.line = line_;
      t.column = column_;
      if (pos_ >= s_.size()) {
        t.spelling = "";
        out.push_back(t);
        return out;
      }
      const size_t start = pos_;
      const char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && pos_ + 1 < s_.size() &&
           std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        if (auto st = LexNumber(t); !st.ok()) return core::Err(st);
      } else if (c == '"' || c == '\'') {
        if (auto st = LexText(t); !st.ok()) return core::Err(st);
      } else if (IsNameStart(c)) {
        while (pos_ < s_.size() && IsNameChar(s_[pos_])) Advance();
        t.kind = Tok::kName;
        for (char ch : s_.substr(start, pos_ - start)) {
          t.text += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
      } else if (auto st = LexSymbol(t); !st.ok()) {
        return core::Err(st);
      }
      t.spelling = s_.substr(start, pos_ - start);
      out.push_back(std::move(t));
    }
  }

 private:
  void Advance() {
    const auto byte = static_cast<unsigned char>(s_[pos_++]);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column_;  // a character starts here; UTF-8 continuation bytes do not count
    }
  }
  // The column of the next character (continuation bytes of the previous one
  // already counted).
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) Advance();
  }

  core::Status LexNumber(Token& t) {
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.')) {
      Advance();
    }
    const std::string_view digits = s_.substr(start, pos_ - start);
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return ErrorAt(t.line, t.column, "'" + std::string(digits) + "' is not a number");
    }
    t.kind = Tok::kNumber;
    t.number = v;
    if (pos_ < s_.size() && IsNameStart(s_[pos_])) {
      const size_t unit_start = pos_;
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) Advance();
      const std::string_view unit = s_.substr(unit_start, pos_ - unit_start);
      const double days = unit == "d"   ? 1
                          : unit == "w" ? 7
                          : unit == "m" ? 30
                          : unit == "y" ? 365
                                        : 0;
      if (days == 0 || digits.find('.') != std::string_view::npos) {
        return ErrorAt(t.line, t.column,
                       "'" + std::string(s_.substr(start, pos_ - start)) +
                           "' is not a duration: write whole days, weeks, months or years "
                           "like 90d, 2w, 3m, 1y");
      }
      t.kind = Tok::kDuration;
      t.number = v * days;
    }
    return {};
  }

  core::Status LexText(Token& t) {
    const char quote = s_[pos_];
    Advance();
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) Advance();
      t.text += s_[pos_];
      Advance();
    }
    if (pos_ >= s_.size()) {
      return ErrorAt(t.line, t.column,
                     std::string("the text is not closed: a ") + quote + " is missing");
    }
    Advance();
    t.kind = Tok::kText;
    return {};
  }

  core::Status LexSymbol(Token& t) {
    const char c = s_[pos_];
    const char next = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
    auto take = [&](Tok kind, int length, CompareOp op = CompareOp::kEq) {
      for (int i = 0; i < length; ++i) Advance();
      t.kind = kind;
      t.compare = op;
      return core::Status();
    };
    switch (c) {
      case '(':
        return take(Tok::kLParen, 1);
      case ')':
        return take(Tok::kRParen, 1);
      case ',':
        return take(Tok::kComma, 1);
      case '+':
        return take(Tok::kPlus, 1);
      case '-':
        return take(Tok::kMinus, 1);
      case '=':
        return take(Tok::kCompare, next == '=' ? 2 : 1, CompareOp::kEq);
      case '!':
        if (next == '=') return take(Tok::kCompare, 2, CompareOp::kNe);
        break;
      case '<':
        if (next == '>') return take(Tok::kCompare, 2, CompareOp::kNe);
        if (next == '=') return take(Tok::kCompare, 2, CompareOp::kLe);
        return take(Tok::kCompare, 1, CompareOp::kLt);
      case '>':
        if (next == '=') return take(Tok::kCompare, 2, CompareOp::kGe);
        return take(Tok::kCompare, 1, CompareOp::kGt);
      default:
        break;
    }
    size_t length = 1;
    while (pos_ + length < s_.size() &&
           (static_cast<unsigned char>(s_[pos_ + length]) & 0xC0) == 0x80) {
      ++length;
    }
    return ErrorAt(t.line, t.column,
                   "unexpected character '" + std::string(s_.substr(pos_, length)) + "'");
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1, column_ = 1;
};

// Levenshtein distance, for "did you mean" hints on unknown names.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// Recursive descent over the tokens, type-checking as it builds.
class Parser {
 public:
  Parser(std::vector<Token> tokens, const std::vector<RuleField>& fields)
      : t_(std::move(tokens)), fields_(fields) {}

  core::Result<RuleNode> Run() {
    if (Peek().kind == Tok::kEnd) {
      return core::Err(ErrorAt(Peek().line, Peek().column,
                               "the rule is empty: write a condition such as orders >= 2"));
    }
    auto rule = Or();
    if (!rule) return rule;
    if (Peek().kind != Tok::kEnd) {
      return core::Err(Expected("'and', 'or' or the end of the rule", "", Peek()));
    }
    if (rule->type != ValueType::kBool) {
      return core::Err(ErrorAt(rule->line, rule->column,
                               "the rule must be a condition (for example orders >= 2), not " +
                                   std::string(ValueTypeName(rule->type))));
    }
    return rule;
  }

 private:
  const Token& Peek() const { return t_[i_]; }
  const Token& Take() { return t_[i_ == t_.size() - 1 ? i_ : i_++]; }
  bool IsKeyword(std::string_view word) const {
    return Peek().kind == Tok::kName && Peek().text == word;
  }
  // "L:C: expected WHAT after 'PREVIOUS'" at token `at`, naming what was found.
  static core::Status Expected(const std::string& what, std::string_view after, const Token& at) {
    std::string message = "expected " + what;
    if (!after.empty()) message += " after '" + std::string(after) + "'";
    message +=
        at.kind == Tok::kEnd ? ", but the rule ends" : ", found '" + std::string(at.spelling) + "'";
    return ErrorAt(at.line, at.column, message);
  }
  static core::Status TypeError(const RuleNode& n, const std::string& what,
                                std::string_view after) {
    return ErrorAt(n.line, n.column,
                   "expected " + what + " after '" + std::string(after) + "', found " +
                       std::string(ValueTypeName(n.type)));
  }
  // A customer's text: a text field or attribute("key").
  static bool IsTextSource(const RuleNode& n) {
    return (n.kind == RuleNode::Kind::kField && n.type == ValueType::kText) ||
           n.kind == RuleNode::Kind::kAttribute;
  }
  static RuleNode Binary(RuleNode::Kind kind, ValueType type, RuleNode left, RuleNode right) {
    RuleNode n;
    n.kind = kind;
    n.type = type;
    n.line = left.line;
    n.column = left.column;
    n.children.push_back(std::move(left));
    n.children.push_back(std::move(right));
    return n;
  }

  // Parses the operand after a keyword/operator `op` with `next`, requiring a condition.
  template <class Next>
  core::Result<RuleNode> Logical(RuleNode::Kind kind, std::string_view word, Next next) {
    auto left = (this->*next)();
    if (!left) return left;
    int chained = 0;
    while (IsKeyword(word)) {
      const Token op = Take();
      if (auto st = Deeper(op, ++chained); !st.ok()) return core::Err(st);
      if (left->type != ValueType::kBool) {
        return core::Err(ErrorAt(left->line, left->column,
                                 "'" + std::string(word) + "' joins conditions, but this is " +
                                     std::string(ValueTypeName(left->type))));
      }
      if (Peek().kind == Tok::kEnd) return core::Err(Expected("a condition", word, Peek()));
      auto right = (this->*next)();
      if (!right) return right;
      if (right->type != ValueType::kBool) return core::Err(TypeError(*right, "a condition", word));
      left = Binary(kind, ValueType::kBool, std::move(*left), std::move(*right));
    }
    return left;
  }
  core::Result<RuleNode> Or() { return Logical(RuleNode::Kind::kOr, "or", &Parser::And); }
  core::Result<RuleNode> And() { return Logical(RuleNode::Kind::kAnd, "and", &Parser::Not); }

  core::Result<RuleNode> Not() {
    if (!IsKeyword("not")) return Comparison();
    const Token op = Take();
    if (auto st = Deeper(op, 1); !st.ok()) return core::Err(st);
    ++depth_;
    if (Peek().kind == Tok::kEnd) return core::Err(Expected("a condition", "not", Peek()));
    auto operand = Not();
    --depth_;
    if (!operand) return operand;
    if (operand->type != ValueType::kBool)
      return core::Err(TypeError(*operand, "a condition", "not"));
    RuleNode n;
    n.kind = RuleNode::Kind::kNot;
    n.line = op.line;
    n.column = op.column;
    n.children.push_back(std::move(*operand));
    return n;
  }

  core::Result<RuleNode> Comparison() {
    auto left = Sum();
    if (!left) return left;
    if (Peek().kind == Tok::kCompare) {
      const Token op = Take();
      const std::string_view spelling = op.spelling;
      if (Peek().kind == Tok::kEnd) {
        return core::Err(Expected(std::string(ValueTypeName(left->type)), spelling, Peek()));
      }
      auto right = Sum();
      if (!right) return right;
      if (left->type == ValueType::kText || right->type == ValueType::kText) {
        return TextCompare(std::move(*left), op, std::move(*right));
      }
      if (left->type == ValueType::kBool && right->type == ValueType::kBool &&
          (op.compare == CompareOp::kEq || op.compare == CompareOp::kNe)) {
        RuleNode n =
            Binary(RuleNode::Kind::kCompare, ValueType::kBool, std::move(*left), std::move(*right));
        n.compare = op.compare;
        return n;
      }
      if (left->type == ValueType::kBool) {
        return core::Err(ErrorAt(left->line, left->column,
                                 "'" + std::string(spelling) +
                                     "' compares values; put the condition in parentheses "
                                     "or use 'and' / 'or'"));
      }
      if (right->type != left->type) {
        return core::Err(TypeError(*right, std::string(ValueTypeName(left->type)), spelling));
      }
      RuleNode n =
          Binary(RuleNode::Kind::kCompare, ValueType::kBool, std::move(*left), std::move(*right));
      n.compare = op.compare;
      return n;
    }
    // After a value, 'not' can only start 'not in'.
    const bool negated = IsKeyword("not");
    if (negated) Take();
    if (IsKeyword("in")) return InList(std::move(*left), negated);
    if (negated) return core::Err(Expected("'in'", "not", Peek()));
    return left;
  }

  core::Result<RuleNode> TextCompare(RuleNode left, const Token& op, RuleNode right) {
    if (!IsTextSource(left) && IsTextSource(right)) {
      std::swap(left, right);  // "DE" = country reads as country = "DE"
      if (op.compare != CompareOp::kEq && op.compare != CompareOp::kNe) {
        return core::Err(ErrorAt(op.line, op.column, "texts compare only with '=' and '!='"));
      }
    }
    if (left.type != ValueType::kText)
      return core::Err(TypeError(right, std::string(ValueTypeName(left.type)), op.spelling));
    if (!IsTextSource(left)) {
      return core::Err(ErrorAt(left.line, left.column,
                               "compare a text field with a text, for example country = \"DE\""));
    }
    if (op.compare != CompareOp::kEq && op.compare != CompareOp::kNe) {
      return core::Err(ErrorAt(op.line, op.column,
                               "texts compare only with '=' and '!=' (or in, starts_with, "
                               "contains), not '" +
                                   std::string(op.spelling) + "'"));
    }
    if (right.kind != RuleNode::Kind::kText) {
      return core::Err(TypeError(right, "a text in quotes", op.spelling));
    }
    RuleNode n =
        Binary(RuleNode::Kind::kCompare, ValueType::kBool, std::move(left), std::move(right));
    n.compare = op.compare;
    return n;
  }

  core::Result<RuleNode> InList(RuleNode left, bool negated) {
    const Token in = Take();
    if (left.type == ValueType::kBool) {
      return core::Err(
          ErrorAt(left.line, left.column, "'in' needs a value on its left, not a condition"));
    }
    if (left.type == ValueType::kText && !IsTextSource(left)) {
      return core::Err(ErrorAt(left.line, left.column, "'in' needs a text field on its left"));
    }
    if (Peek().kind != Tok::kLParen) return core::Err(Expected("'(' and a list", "in", Peek()));
    Take();
    RuleNode n;
    n.kind = RuleNode::Kind::kIn;
    n.negated = negated;
    n.line = left.line;
    n.column = left.column;
    const ValueType want = left.type;
    n.children.push_back(std::move(left));
    std::string_view after = "(";
    while (true) {
      if (Peek().kind == Tok::kEnd || Peek().kind == Tok::kRParen) {
        return core::Err(Expected(std::string(ValueTypeName(want)), after, Peek()));
      }
      auto item = Sum();
      if (!item) return item;
      const bool constant = item->kind == RuleNode::Kind::kNumber ||
                            item->kind == RuleNode::Kind::kText ||
                            item->kind == RuleNode::Kind::kDate;
      if (item->type == want && !constant) {
        return core::Err(ErrorAt(item->line, item->column,
                                 "the list after 'in' takes fixed values, not fields or sums"));
      }
      if (item->type != want) {
        return core::Err(TypeError(
            *item, want == ValueType::kText ? "a text in quotes" : std::string(ValueTypeName(want)),
            after));
      }
      n.children.push_back(std::move(*item));
      if (Peek().kind == Tok::kComma) {
        Take();
        after = ",";
        continue;
      }
      if (Peek().kind == Tok::kRParen) {
        Take();
        return n;
      }
      return core::Err(Expected("',' or ')'", "", Peek()));
    }
  }

  core::Result<RuleNode> Sum() {
    auto left = Primary();
    if (!left) return left;
    int chained = 0;
    while (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus) {
      const Token op = Take();
      if (auto st = Deeper(op, ++chained); !st.ok()) return core::Err(st);
      const bool plus = op.kind == Tok::kPlus;
      const std::string_view spelling = op.spelling;
      if (Peek().kind == Tok::kEnd) return core::Err(Expected("a value", spelling, Peek()));
      auto right = Primary();
      if (!right) return right;
      const ValueType a = left->type, b = right->type;
      std::optional<ValueType> result;
      if (a == ValueType::kNumber && b == ValueType::kNumber) result = ValueType::kNumber;
      if (a == ValueType::kDate && b == ValueType::kDuration) result = ValueType::kDate;
      if (a == ValueType::kDuration && b == ValueType::kDuration) result = ValueType::kDuration;
      if (a == ValueType::kDuration && b == ValueType::kDate && plus) result = ValueType::kDate;
      if (a == ValueType::kDate && b == ValueType::kDate && !plus) result = ValueType::kDuration;
      if (!result) {
        const std::string want = a == ValueType::kNumber     ? "a number"
                                 : a == ValueType::kDate     ? "a duration (like 90d)"
                                 : a == ValueType::kDuration ? "a duration or a date"
                                                             : "";
        if (want.empty()) {
          return core::Err(ErrorAt(
              left->line, left->column,
              "'" + std::string(spelling) + "' cannot apply to " + std::string(ValueTypeName(a))));
        }
        return core::Err(TypeError(*right, want, spelling));
      }
      left = Binary(plus ? RuleNode::Kind::kAdd : RuleNode::Kind::kSubtract, *result,
                    std::move(*left), std::move(*right));
    }
    return left;
  }

  core::Result<RuleNode> Primary() {
    const Token& t = Peek();
    RuleNode n;
    n.line = t.line;
    n.column = t.column;
    switch (t.kind) {
      case Tok::kNumber:
      case Tok::kDuration:
        n.kind = RuleNode::Kind::kNumber;
        n.type = t.kind == Tok::kNumber ? ValueType::kNumber : ValueType::kDuration;
        n.number = t.number;
        Take();
        return n;
      case Tok::kText:
        n.kind = RuleNode::Kind::kText;
        n.type = ValueType::kText;
        n.text = t.text;
        Take();
        return n;
      case Tok::kLParen: {
        const Token open = Take();
        if (auto st = Deeper(open, 1); !st.ok()) return core::Err(st);
        if (Peek().kind == Tok::kEnd) return core::Err(Expected("a condition", "(", Peek()));
        ++depth_;
        auto inner = Or();
        --depth_;
        if (!inner) return inner;
        if (Peek().kind != Tok::kRParen) return core::Err(Expected("')'", "", Peek()));
        Take();
        return inner;
      }
      case Tok::kName:
        return Name();
      case Tok::kMinus: {
        Take();
        if (Peek().kind == Tok::kNumber) {
          n.kind = RuleNode::Kind::kNumber;
          n.type = ValueType::kNumber;
          n.number = -Take().number;
          return n;
        }
        return core::Err(Expected("a number", "-", Peek()));
      }
      default:
        return core::Err(Expected("a value (a field, a number or a text)", "", t));
    }
  }

  core::Result<RuleNode> Name() {
    const Token name = Take();
    RuleNode n;
    n.line = name.line;
    n.column = name.column;
    if (name.text == "true" || name.text == "false") {
      n.kind = RuleNode::Kind::kBool;
      n.type = ValueType::kBool;
      n.number = name.text == "true";
      return n;
    }
    if (name.text == "today") {
      n.kind = RuleNode::Kind::kToday;
      n.type = ValueType::kDate;
      return n;
    }
    if (Peek().kind == Tok::kLParen) return Call(name);
    for (size_t k = 0; k < fields_.size(); ++k) {
      if (fields_[k].name == name.text) {
        n.kind = RuleNode::Kind::kField;
        n.type = fields_[k].type;
        n.field = static_cast<int>(k);
        return n;
      }
    }
    std::string message = "unknown field '" + std::string(name.spelling) + "'";
    const RuleField* best = nullptr;
    size_t best_distance = 3;
    for (const auto& f : fields_) {
      const size_t d = EditDistance(name.text, f.name);
      if (d < best_distance) {
        best_distance = d;
        best = &f;
      }
    }
    if (best) message += " (did you mean '" + best->name + "'?)";
    return core::Err(ErrorAt(name.line, name.column, message));
  }

  core::Result<RuleNode> Call(const Token& name) {
    Take();  // (
    RuleNode n;
    n.line = name.line;
    n.column = name.column;
    if (auto st = Deeper(name, 1); !st.ok()) return core::Err(st);
    std::vector<RuleNode> args;
    std::string_view after = "(";
    ++depth_;
    const auto arguments = ParseArguments(args, after);
    --depth_;
    if (!arguments.ok()) return core::Err(arguments);
    Take();  // )
    return CallOf(name, std::move(args), n);
  }

  // The arguments of a call up to (not including) its ')'.
  core::Status ParseArguments(std::vector<RuleNode>& args, std::string_view& after) {
    while (Peek().kind != Tok::kRParen) {
      if (Peek().kind == Tok::kEnd) return Expected("')'", "", Peek());
      auto arg = Sum();
      if (!arg) return arg.error();
      args.push_back(std::move(*arg));
      if (Peek().kind == Tok::kComma) {
        Take();
        after = ",";
        if (Peek().kind == Tok::kRParen) return Expected("a value", after, Peek());
      } else if (Peek().kind != Tok::kRParen) {
        return Expected("',' or ')'", "", Peek());
      }
    }
    return {};
  }

  // Checks and builds a call of `name` (its position in n) with its arguments.
  core::Result<RuleNode> CallOf(const Token& name, std::vector<RuleNode> args, RuleNode n) {
    const std::string fn = name.text;
    auto arity = [&](size_t want, const std::string& usage) -> core::Status {
      if (args.size() == want) return {};
      return ErrorAt(name.line, name.column,
                     fn + " takes " + std::to_string(want) +
                         (want == 1 ? " argument: " : " arguments: ") + usage);
    };
    if (fn == "date") {
      if (auto st = arity(1, "date(\"2025-12-31\")"); !st.ok()) return core::Err(st);
      if (args[0].kind != RuleNode::Kind::kText) {
        return core::Err(TypeError(args[0], "a date in quotes like \"2025-12-31\"", "date("));
      }
      auto day = core::ParseDate(args[0].text);
      if (!day) {
        return core::Err(ErrorAt(args[0].line, args[0].column,
                                 "'" + args[0].text + "' is not a date; write \"2025-12-31\""));
      }
      n.kind = RuleNode::Kind::kDate;
      n.type = ValueType::kDate;
      n.number = *day;
      return n;
    }
    if (fn == "starts_with" || fn == "contains") {
      if (auto st = arity(2, fn + "(field, \"text\")"); !st.ok()) return core::Err(st);
      if (!IsTextSource(args[0])) {
        return core::Err(ErrorAt(args[0].line, args[0].column,
                                 "expected a text field as the first argument of " + fn));
      }
      if (args[1].kind != RuleNode::Kind::kText) {
        return core::Err(TypeError(args[1], "a text in quotes", ","));
      }
      n.kind = fn == "starts_with" ? RuleNode::Kind::kStartsWith : RuleNode::Kind::kContains;
      n.type = ValueType::kBool;
      n.text = args[1].text;
      n.children.push_back(std::move(args[0]));
      return n;
    }
    if (fn == "has_tag" || fn == "attribute") {
      const std::string usage = fn + "(\"text\")";
      if (auto st = arity(1, usage); !st.ok()) return core::Err(st);
      if (args[0].kind != RuleNode::Kind::kText) {
        return core::Err(TypeError(args[0], "a text in quotes", "("));
      }
      n.kind = fn == "has_tag" ? RuleNode::Kind::kHasTag : RuleNode::Kind::kAttribute;
      n.type = fn == "has_tag" ? ValueType::kBool : ValueType::kText;
      n.text = args[0].text;
      return n;
    }
    if (fn == "bought_category" || fn == "bought_sku") {
      if (auto st = arity(1, fn + "(\"text\")"); !st.ok()) return core::Err(st);
      if (args[0].kind != RuleNode::Kind::kText) {
        return core::Err(TypeError(args[0], "a text in quotes", "("));
      }
      n.kind = fn == "bought_sku" ? RuleNode::Kind::kBoughtSku : RuleNode::Kind::kBoughtCategory;
      n.text = args[0].text;
      n.number = -1;  // any day up to today
      return n;
    }
    if (fn == "bought_within") {
      if (auto st = arity(2, "bought_within(\"category\", 30d)"); !st.ok()) return core::Err(st);
      if (args[0].kind != RuleNode::Kind::kText) {
        return core::Err(TypeError(args[0], "a category in quotes", "("));
      }
      if (args[1].kind != RuleNode::Kind::kNumber || args[1].type != ValueType::kDuration ||
          args[1].number <= 0) {
        return core::Err(TypeError(args[1], "a duration like 30d", ","));
      }
      n.kind = RuleNode::Kind::kBoughtCategory;
      n.text = args[0].text;
      n.number = args[1].number - 1;  // the last 30 days: today and the 29 before
      return n;
    }
    if (fn == "birthday_within") {
      if (auto st = arity(1, "birthday_within(14d)"); !st.ok()) return core::Err(st);
      if (args[0].kind != RuleNode::Kind::kNumber || args[0].type != ValueType::kDuration) {
        return core::Err(TypeError(args[0], "a duration like 14d", "("));
      }
      n.kind = RuleNode::Kind::kBirthdayWithin;
      n.number = args[0].number;
      return n;
    }
    return core::Err(ErrorAt(name.line, name.column,
                             "unknown function '" + std::string(name.spelling) +
                                 "' (functions: date, starts_with, contains, has_tag, attribute, "
                                 "birthday_within, bought_category, bought_sku, bought_within)"));
  }

  // Nesting (parentheses, not) plus chained operators so far: the tree's
  // depth, bounded so that evaluating it cannot exhaust the stack.
  core::Status Deeper(const Token& at, int chained) const {
    if (depth_ + chained <= kMaxDepth) return {};
    return ErrorAt(at.line, at.column,
                   "the rule is too deep (more than " + std::to_string(kMaxDepth) +
                       " nested or chained parts); split it or use 'in (...)'");
  }
  static constexpr int kMaxDepth = 256;

  std::vector<Token> t_;
  size_t i_ = 0;
  int depth_ = 0;
  const std::vector<RuleField>& fields_;
};

}  // namespace

std::string_view ValueTypeKey(ValueType type) { return ValueTypeName(type).substr(2); }

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kBool:
      return "a condition";
    case ValueType::kNumber:
      return "a number";
    case ValueType::kText:
      return "a text";
    case ValueType::kDate:
      return "a date";
    default:
      return "a duration";
  }
}

core::Result<RuleNode> ParseRule(std::string_view text, const std::vector<RuleField>& fields) {
  auto tokens = Lexer(text).Run();
  if (!tokens) return core::Err(tokens.error());
  return Parser(std::move(*tokens), fields).Run();
}

}  // namespace retain::analytics
