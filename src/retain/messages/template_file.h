// The file format of a message template:
//
//   Subject: Alles Gute zum Geburtstag, {{customer.first_name}}!
//   <empty line>
//   Hallo {{customer.first_name}},
//   ...
//
// The first line is the subject (after "Subject:"), the second is empty,
// the rest is the plain-text body. Both are mustache (template_check.h
// lists the fields). UTF-8; a byte order mark and CRLF line ends are
// accepted.
#pragma once

#include <string>
#include <string_view>

#include "retain/contact/triggers.h"
#include "retain/core/status.h"
#include "retain/messages/message_template.h"

namespace retain::messages {

// Parses and checks the text of one template file. `origin` names the file
// in messages. Fails with kInvalidArgument, "origin:line:column: what", for
// text that is not UTF-8, a missing or empty subject line, a missing empty
// second line, an empty body, or a mustache problem (CheckTemplateSource).
core::Result<MessageTemplate> ParseTemplateFile(std::string_view origin, std::string_view text,
                                                contact::Trigger trigger, std::string variant);

}  // namespace retain::messages
