// The templates shipped with retain (templates/<variant>/<trigger>.mustache
// in the source tree), built into the program by CMake
// (embed_templates.cmake writes the definition).
#pragma once

#include <span>
#include <string_view>

namespace retain::messages {

struct ShippedTemplate {
  std::string_view variant;  // the folder: "de-sie", "de-du", "en"
  std::string_view trigger;  // the file name without ".mustache"
  std::string_view text;     // the file's content
};

// Every shipped template file, sorted by variant and trigger. The views
// point to static storage.
std::span<const ShippedTemplate> ShippedTemplates();

}  // namespace retain::messages
