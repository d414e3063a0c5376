// The settings of `retain send`, `retain template` and the unsubscribe page
// from the configuration file: [contact.shop] (who writes), [contact.smtp]
// (the mail server) and [contact.messages] (links, templates, pacing). See
// the README's "Messages".
//
//   [contact.shop]
//   name = "Schuhhaus Becker"
//   email = "service@schuhhaus-becker.de"
//   [contact.smtp]
//   host = "smtp.example.com"   # the password from RETAIN_SMTP_PASSWORD
//   [contact.messages]
//   public_url = "https://club.schuhhaus-becker.de"
#pragma once

#include <string>

#include "retain/app/analytics_session.h"
#include "retain/app/contact_plan.h"
#include "retain/app/message_config.h"
#include "retain/app/message_send.h"
#include "retain/core/status.h"
#include "retain/messages/smtp_client.h"

namespace retain::cli {

// [contact.shop], [contact.smtp] and [contact.messages] (the server keeps them too).
using MessageConfig = app::MessageConfig;

// The message settings of the file at `path` (defaults for what is not
// there, or for everything when `path` is empty); `informal` comes from
// [contact]. The SMTP password is taken from the environment variable
// RETAIN_SMTP_PASSWORD when it is set. kInvalidArgument naming the file,
// line, column and setting for an unknown or wrong one.
core::Result<MessageConfig> LoadMessageConfig(const std::string& path);

// What `retain send` and `retain template preview` work with: the message
// and plan settings of the configuration file (--config flag, else
// RETAIN_CONFIG), the day of the --date flag (default today) and the data.
struct MessageRun {
  MessageConfig config;
  app::PlanSettings plan;
  core::Day day = 0;
  app::AnalyticsSession session;
};
// kInvalidArgument for a bad setting or date; the database's errors.
core::Result<MessageRun> OpenMessageRun(const std::string& db, const std::string& config_flag,
                                        const std::string& date_flag);

}  // namespace retain::cli
