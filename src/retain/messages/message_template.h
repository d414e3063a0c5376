// One message template: the mustache sources of a subject line and a
// plain-text body, for one trigger and one language variant.
//
// Templates are made by ParseTemplateFile (template_file.h) and kept in a
// TemplateSet (templates.h); Render (render.h) turns one into text.
#pragma once

#include <string>

#include "retain/contact/triggers.h"

namespace retain::messages {

struct MessageTemplate {
  contact::Trigger trigger = contact::Trigger::kKeepInTouch;
  std::string variant;  // "de-sie" | "de-du" | "en"
  // Where it came from, for messages: "templates/de-sie/birthday.mustache"
  // for a shipped one, the file's path for an override.
  std::string origin;
  std::string subject;  // mustache source, one line
  std::string body;     // mustache source, lines separated by '\n'
};

}  // namespace retain::messages
