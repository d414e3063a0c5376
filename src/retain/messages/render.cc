#include "retain/messages/render.h"

#include <fmt/format.h>

#include <cassert>
#include <kainjow/mustache.hpp>

namespace retain::messages {

namespace {

using Data = kainjow::mustache::data;

Data ToData(const nlohmann::json& j) {
  using Type = nlohmann::json::value_t;
  switch (j.type()) {
    case Type::object: {
      if (j.empty()) return Data(false);
      Data d(Data::type::object);
      for (const auto& [key, value] : j.items()) d.set(key, ToData(value));
      return d;
    }
    case Type::array: {
      Data d(Data::type::list);
      for (const auto& value : j) d.push_back(ToData(value));
      return d;
    }
    case Type::string: {
      const auto& s = j.get_ref<const std::string&>();
      return s.empty() ? Data(false) : Data(s);
    }
    case Type::boolean:
      return Data(j.get<bool>());
    case Type::number_integer:
      return Data(std::to_string(j.get<int64_t>()));
    case Type::number_unsigned:
      return Data(std::to_string(j.get<uint64_t>()));
    case Type::number_float:
      return Data(fmt::format("{}", j.get<double>()));
    default:  // null, binary
      return Data(false);
  }
}

// A mark for lines of the source that hold nothing but section tags.
constexpr char kStandalone = '\x01';

// Marks every line that holds nothing but section tags ({{#x}}, {{^x}},
// {{/x}}) and white space, so that DropStandaloneLines removes what is left
// of it after rendering, as the mustache spec's "standalone" rule says: a
// section, shown or skipped, leaves no line of its own.
std::string StripStandaloneSectionLines(std::string_view source) {
  std::string out;
  out.reserve(source.size());
  while (!source.empty()) {
    const size_t end = source.find('\n');
    const std::string_view line = source.substr(0, end);
    const std::string_view with_break =
        source.substr(0, end == std::string_view::npos ? source.size() : end + 1);
    source.remove_prefix(with_break.size());
    bool standalone = false;
    std::string_view rest = line;
    while (true) {
      while (!rest.empty() &&
             (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r')) {
        rest.remove_prefix(1);
      }
      if (rest.empty()) break;
      if (rest.size() < 5 || !rest.starts_with("{{") ||
          (rest[2] != '#' && rest[2] != '^' && rest[2] != '/')) {
        standalone = false;
        break;
      }
      const size_t close = rest.find("}}");
      if (close == std::string_view::npos) {
        standalone = false;
        break;
      }
      standalone = true;
      rest.remove_prefix(close + 2);
    }
    out.append(line);
    if (standalone) out += kStandalone;
    if (line.size() < with_break.size()) out += '\n';
  }
  return out;
}

// Drops the lines that hold nothing but kStandalone marks and white space
// (with their line break), and the marks elsewhere.
std::string DropStandaloneLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    const size_t size = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view with_break = text.substr(0, size);
    text.remove_prefix(size);
    if (line.find(kStandalone) != std::string_view::npos &&
        line.find_first_not_of(std::string(" \t\r") + kStandalone) == std::string_view::npos) {
      continue;
    }
    for (char c : with_break) {
      if (c != kStandalone) out += c;
    }
  }
  return out;
}

std::string RenderSource(const std::string& source, const Data& data) {
  kainjow::mustache::mustache m(StripStandaloneSectionLines(source));
  // Plain text: values go in as they are (see render.h).
  m.set_custom_escape([](const std::string& s) { return s; });
  std::string out = DropStandaloneLines(m.render(data));
  assert(m.is_valid() && "templates are checked when loaded");
  return out;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!IsBlank(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Tidy(std::string_view text) {
  std::string out;
  bool empty_line_pending = false;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && IsBlank(line.back())) line.remove_suffix(1);
    if (line.empty()) {
      empty_line_pending = !out.empty();
      continue;
    }
    if (empty_line_pending) out += '\n';
    empty_line_pending = false;
    out.append(line);
    out += '\n';
  }
  return out;
}

}  // namespace

RenderedMessage Render(const MessageTemplate& t, const nlohmann::json& data) {
  const Data d = data.is_object() ? ToData(data) : Data(Data::type::object);
  return {OneLine(RenderSource(t.subject, d)), Tidy(RenderSource(t.body, d))};
}

}  // namespace retain::messages
