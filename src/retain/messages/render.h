// Rendering a message template with a customer's data into plain text.
//
//   nlohmann::json data = {{"customer", {{"first_name", "Anna"}}},
//                          {"shop", {{"name", "Schuhhaus Meier"}}},
//                          {"unsubscribe_url", "https://..."}};
//   RenderedMessage m = Render(set.Find(trigger, variant), data);
//   // m.subject: one line; m.body: text with '\n' line ends
//
// template_check.h lists the data fields the templates use.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "retain/messages/message_template.h"

namespace retain::messages {

struct RenderedMessage {
  std::string subject;  // one line, no line break, trimmed
  std::string body;     // UTF-8 plain text, lines end with '\n'
};

// Renders `t` (from a TemplateSet, so known to parse) with `data`, a JSON
// object (anything else renders as if empty). JSON objects, arrays,
// strings, numbers and booleans become mustache values; an empty string,
// an empty object and null count as absent (a section on them is skipped,
// an inverted one shown); numbers print as plain digits ("1500", "4.5").
//
// The output is plain text, so nothing is HTML-escaped: {{x}} and {{{x}}}
// both insert the value as it is (an ampersand in a name stays "&").
//
// Tidying: in the subject, line breaks and runs of white space become one
// space and the ends are trimmed. In the body, trailing white space is
// removed from every line, runs of empty lines become one, leading and
// trailing empty lines are dropped, and the text ends with one '\n'.
RenderedMessage Render(const MessageTemplate& t, const nlohmann::json& data);

}  // namespace retain::messages
