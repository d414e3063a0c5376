// The message templates: one per trigger and language variant, shipped with
// the program (templates/<variant>/<trigger>.mustache, built in), any of
// them replaced by a file of the same name in a folder the shop gives.
//
//   auto set = TemplateSet::Load(options.template_dir);  // "" = shipped only
//   if (!set) return set.error();
//   const auto& t = set->Find(Trigger::kBirthday, VariantFor("de", informal));
//   RenderedMessage m = Render(t, data);  // render.h
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "retain/contact/triggers.h"
#include "retain/core/status.h"
#include "retain/messages/message_template.h"

namespace retain::messages {

// The language variants: formal German, informal German, English.
inline constexpr std::array<std::string_view, 3> kVariants = {"de-sie", "de-du", "en"};

// The variant for a customer: German ("de", also regional forms such as
// "de-AT", any case) is "de-du" when `informal`, else "de-sie"; any other
// language, also an empty one, is "en".
std::string VariantFor(std::string_view language, bool informal);

// A complete set of templates (every trigger in every variant). Immutable
// after Load, so it may be shared between threads.
class TemplateSet {
 public:
  // Parses every shipped template and then every override in
  // `override_dir` (same layout: <variant>/<trigger>.mustache; files at the
  // top level and hidden entries are ignored). An empty `override_dir`
  // means the shipped templates only. Fails with kInvalidArgument naming
  // the file (and line and column) for a broken template, an unknown
  // variant folder or trigger file name; kNotFound when `override_dir` does
  // not exist; kIo when it cannot be read.
  static core::Result<TemplateSet> Load(const std::string& override_dir);

  // The template for `trigger` in `variant`; an unknown variant gets the
  // English one. The reference lives as long as the set.
  const MessageTemplate& Find(contact::Trigger trigger, std::string_view variant) const;

 private:
  TemplateSet() = default;
  // Parses one template file and keeps it (variant: an index in kVariants).
  core::Status Put(std::string_view origin, std::string_view text, contact::Trigger trigger,
                   size_t variant);
  core::Status LoadShipped();
  core::Status LoadOverrides(const std::string& dir);

  std::array<std::array<MessageTemplate, kVariants.size()>, contact::kTriggerCount> templates_;
};

}  // namespace retain::messages
