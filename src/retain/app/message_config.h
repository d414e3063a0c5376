// What sending needs besides the plan: the message settings ([contact.shop],
// [contact.messages]), the mail server ([contact.smtp]) and the folder for
// work lists, as `retain send` and `retain serve` read them from the
// configuration file (cli/message_config.h).
#pragma once

#include <string>

#include "retain/app/message_send.h"
#include "retain/messages/smtp_client.h"

namespace retain::app {

struct MessageConfig {
  SendSettings send;
  messages::SmtpSettings smtp;  // host "" when not configured
  // [contact.messages] work_list_dir: where work lists (letters, texts,
  // calls, the email export) are written; "" = the caller's default.
  std::string work_list_dir;
};

// The work-list folder for the database at `location` when none is
// configured: "work-lists" beside a SQLite file; for PostgreSQL "work-lists"
// in the current folder.
std::string DefaultWorkListDir(const std::string& location);

}  // namespace retain::app
