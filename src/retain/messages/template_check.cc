#include "retain/messages/template_check.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace retain::messages {

namespace {

constexpr std::array<std::string_view, 45> kFields = {
    "customer",
    "customer.salutation",
    "customer.first_name",
    "customer.last_name",
    "customer.name",
    "customer.company",
    "shop",
    "shop.name",
    "shop.url",
    "shop.address",
    "shop.sender_name",
    "shop.review_url",
    "last_purchase",
    "last_purchase.date",
    "last_purchase.order_id",
    "last_purchase.amount",
    "favourite_category",
    "recommendations",
    "recommendations.name",
    "recommendations.sku",
    "recommendations.url",
    "loyalty",
    "loyalty.member",
    "loyalty.tier",
    "loyalty.points_available",
    "loyalty.points_expiring",
    "loyalty.expiry_date",
    "offer",
    "offer.kind",
    "offer.value_text",
    "offer.voucher_code",
    "reason",
    "subject",
    "event",
    "event.name",
    "event.date",
    "feedback_url",
    "unsubscribe_url",
    "objection_notice",
    "figures",
    "channel",
    "channel.email",
    "channel.letter",
    "channel.sms",
    "channel.phone",
};

bool Known(std::string_view name) {
  return std::find(kFields.begin(), kFields.end(), name) != kFields.end();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// kainjow reports "Unclosed section \"x\" at 17": split off the offset.
TemplateProblem FromKainjow(const std::string& message) {
  TemplateProblem p{0, message};
  const size_t at = message.rfind(" at ");
  if (at != std::string::npos) {
    p.offset = std::strtoul(message.c_str() + at + 4, nullptr, 10);
    p.message = message.substr(0, at);
  }
  if (!p.message.empty()) {
    p.message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(p.message[0])));
  }
  return p;
}

// A name is known as it is, or relative to one of the enclosing sections.
bool Resolves(std::string_view name, const std::vector<std::string>& sections) {
  if (Known(name)) return true;
  if (name == ".") return !sections.empty();  // the current item of a section
  for (const auto& s : sections) {
    if (Known(s + "." + std::string(name))) return true;
  }
  return false;
}

// Walks the tags of a source that kainjow parsed (so tags are closed and
// sections balanced).
std::optional<TemplateProblem> CheckTags(std::string_view source) {
  std::vector<std::string> sections;
  size_t pos = 0;
  while ((pos = source.find("{{", pos)) != std::string_view::npos) {
    const size_t start = pos;
    const bool triple = source.substr(pos, 3) == "{{{";
    const std::string_view close = triple ? "}}}" : "}}";
    const size_t content = pos + (triple ? 3 : 2);
    const size_t end = source.find(close, content);
    if (end == std::string_view::npos) return TemplateProblem{start, "unclosed tag"};
    pos = end + close.size();
    std::string_view tag = Trim(source.substr(content, end - content));
    const char sigil = tag.empty() || triple ? '\0' : tag.front();
    if (sigil == '!') continue;
    if (sigil == '>') {
      return TemplateProblem{start, "partials ({{> ...}}) are not supported"};
    }
    if (sigil == '=') {
      return TemplateProblem{start, "changing the delimiters ({{= ...=}}) is not supported"};
    }
    if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') tag = Trim(tag.substr(1));
    if (sigil == '/') {
      if (!sections.empty()) sections.pop_back();
      continue;
    }
    if (!Resolves(tag, sections)) {
      return TemplateProblem{start, "unknown field \"" + std::string(tag) +
                                        "\" (templates/README.md lists the fields)"};
    }
    if (sigil == '#' || sigil == '^') {
      // Relative names inside resolve against the full name of the section.
      std::string full(tag);
      for (auto it = sections.rbegin(); it != sections.rend() && !Known(full); ++it) {
        full = *it + "." + std::string(tag);
      }
      sections.push_back(Known(full) ? full : std::string(tag));
    }
  }
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> TemplateFields() { return kFields; }

std::optional<TemplateProblem> CheckTemplateSource(std::string_view source) {
  const kainjow::mustache::mustache parsed{std::string(source)};
  if (!parsed.is_valid()) return FromKainjow(parsed.error_message());
  return CheckTags(source);
}

}  // namespace retain::messages
