#include "retain/messages/template_file.h"

#include <fmt/format.h>

#include "retain/core/text.h"
#include "retain/messages/template_check.h"

namespace retain::messages {

namespace {

constexpr std::string_view kSubjectPrefix = "Subject:";

core::Status Problem(std::string_view origin, size_t line, size_t column,
                     std::string_view message) {
  return core::InvalidArgument(fmt::format("{}:{}:{}: {}", origin, line, column, message));
}

// The line and column (both from 1) of a byte offset into `text`.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

std::string WithoutCarriageReturns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

}  // namespace

core::Result<MessageTemplate> ParseTemplateFile(std::string_view origin, std::string_view text,
                                                contact::Trigger trigger, std::string variant) {
  if (core::HasUtf8Bom(text)) text.remove_prefix(3);
  if (const size_t valid = core::ValidUtf8Prefix(text); valid != text.size()) {
    const auto [line, column] = LineColumn(text, valid);
    return core::Err(Problem(origin, line, column, "not valid UTF-8"));
  }
  const std::string normalized = WithoutCarriageReturns(text);
  const std::string_view all = normalized;
  const size_t first_end = all.find('\n');
  const std::string_view first = all.substr(0, first_end);
  if (!first.starts_with(kSubjectPrefix)) {
    return core::Err(Problem(origin, 1, 1, "the first line must be \"Subject: ...\""));
  }
  const std::string_view subject = core::TrimView(first.substr(kSubjectPrefix.size()));
  if (subject.empty()) return core::Err(Problem(origin, 1, 1, "the subject is empty"));
  const size_t second_end =
      first_end == std::string_view::npos ? first_end : all.find('\n', first_end + 1);
  // "Subject: Hi\n" ends after the first line: the empty line is missing.
  if (first_end == std::string_view::npos || first_end + 1 == all.size() ||
      !core::TrimView(all.substr(first_end + 1, second_end - first_end - 1)).empty()) {
    return core::Err(Problem(origin, 2, 1, "an empty line must follow the subject line"));
  }
  const std::string_view body =
      second_end == std::string_view::npos ? std::string_view() : all.substr(second_end + 1);
  if (body.find_first_not_of(" \t\n") == std::string_view::npos) {
    return core::Err(Problem(origin, 3, 1, "the body is empty"));
  }

  const size_t subject_column = static_cast<size_t>(subject.data() - first.data()) + 1;
  if (auto p = CheckTemplateSource(subject)) {
    return core::Err(Problem(origin, 1, subject_column + p->offset, p->message));
  }
  if (auto p = CheckTemplateSource(body)) {
    const auto [line, column] = LineColumn(body, p->offset);
    return core::Err(Problem(origin, line + 2, column, p->message));
  }
  return MessageTemplate{trigger, std::move(variant), std::string(origin), std::string(subject),
                         std::string(body)};
}

}  // namespace retain::messages
