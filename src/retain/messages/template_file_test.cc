#include "retain/messages/template_file.h"

#include <gtest/gtest.h>

#include "retain/messages/template_check.h"

namespace retain::messages {
namespace {

using contact::Trigger;

core::Result<MessageTemplate> Parse(std::string_view text) {
  return ParseTemplateFile("t.mustache", text, Trigger::kBirthday, "de-du");
}

std::string ErrorOf(std::string_view text) {
  auto t = Parse(text);
  if (t) return "";
  EXPECT_EQ(t.error().code(), core::Code::kInvalidArgument);
  return t.error().message();
}

TEST(TemplateFile, SplitsSubjectAndBody) {
  auto t = Parse("\xEF\xBB\xBFSubject:  Alles Gute!  \r\n\r\nHallo,\r\n\r\nschön.\r\n");
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(t->subject, "Alles Gute!");
  EXPECT_EQ(t->body, "Hallo,\n\nschön.\n");
  EXPECT_EQ(t->trigger, Trigger::kBirthday);
  EXPECT_EQ(t->variant, "de-du");
  EXPECT_EQ(t->origin, "t.mustache");
}

TEST(TemplateFile, RefusesAMalformedFile) {
  EXPECT_EQ(ErrorOf("Hallo\n\nText\n"), "t.mustache:1:1: the first line must be \"Subject: ...\"");
  EXPECT_EQ(ErrorOf("Subject:  \n\nText\n"), "t.mustache:1:1: the subject is empty");
  EXPECT_EQ(ErrorOf("Subject: Hi\nText\n"),
            "t.mustache:2:1: an empty line must follow the subject line");
  EXPECT_EQ(ErrorOf("Subject: Hi\n"), "t.mustache:2:1: an empty line must follow the subject line");
  EXPECT_EQ(ErrorOf("Subject: Hi\n\n \n"), "t.mustache:3:1: the body is empty");
  EXPECT_EQ(ErrorOf("Subject: Hi\n\nGr\xFC\xDF"
                    "e\n"),
            "t.mustache:3:3: not valid UTF-8");
}

TEST(TemplateFile, NamesTheLineAndColumnOfAMustacheProblem) {
  EXPECT_EQ(ErrorOf("Subject: Hi {{customer.first_name\n\nText\n"),
            "t.mustache:1:13: unclosed tag");
  EXPECT_EQ(ErrorOf("Subject: Hi\n\nText\n{{/offer}}\n"),
            "t.mustache:4:1: unopened section \"offer\"");
  EXPECT_EQ(ErrorOf("Subject: Hi\n\nText\n  {{> footer}}\n"),
            "t.mustache:4:3: partials ({{> ...}}) are not supported");
  EXPECT_EQ(ErrorOf("Subject: Hi\n\n{{=<% %>=}}\n"),
            "t.mustache:3:1: changing the delimiters ({{= ...=}}) is not supported");
}

TEST(TemplateCheck, FieldsResolveAbsoluteOrWithinTheirSection) {
  EXPECT_FALSE(
      CheckTemplateSource("{{#recommendations}}{{name}} {{sku}} {{url}} "
                          "{{shop.name}}{{/recommendations}}"));
  EXPECT_FALSE(CheckTemplateSource("{{#customer}}{{first_name}}{{/customer}}"));
  EXPECT_FALSE(CheckTemplateSource("{{#figures}}{{.}}{{/figures}} {{! a comment }}"));
  EXPECT_FALSE(CheckTemplateSource("{{{reason}}} {{& subject}}"));
  EXPECT_FALSE(CheckTemplateSource(
      "{{#channel.email}}a{{/channel.email}}{{^channel.email}}b{{/channel.email}}"
      "{{#channel.letter}}c{{/channel.letter}}{{#channel.sms}}{{/channel.sms}}"
      "{{#channel.phone}}{{/channel.phone}}"));
  const auto outside = CheckTemplateSource("{{#customer}}{{/customer}} {{first_name}}");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->offset, 27u);
  EXPECT_EQ(outside->message,
            "unknown field \"first_name\" (templates/README.md lists the fields)");
  EXPECT_TRUE(CheckTemplateSource("{{.}}"));
  EXPECT_EQ(TemplateFields().size(), 45u);
}

}  // namespace
}  // namespace retain::messages
