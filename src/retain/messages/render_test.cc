#include "retain/messages/render.h"

#include <gtest/gtest.h>

namespace retain::messages {
namespace {

MessageTemplate Template(std::string subject, std::string body) {
  return {contact::Trigger::kKeepInTouch, "en", "test", std::move(subject), std::move(body)};
}

TEST(Render, PlainTextIsNotHtmlEscaped) {
  const auto m = Render(
      Template("Für {{customer.name}}", "{{customer.name}} & {{{shop.name}}}\n"),
      {{"customer", {{"name", "Müller & Söhne <GmbH> \"Nord\""}}}, {"shop", {{"name", "A&B"}}}});
  EXPECT_EQ(m.subject, "Für Müller & Söhne <GmbH> \"Nord\"");
  EXPECT_EQ(m.body, "Müller & Söhne <GmbH> \"Nord\" & A&B\n");
}

TEST(Render, JsonValuesBecomeMustacheValues) {
  const nlohmann::json data = {
      {"loyalty", {{"member", true}, {"points_available", 1500}}},
      {"figures", {3, 4.5, -2}},
      {"recommendations", {{{"name", "A"}, {"sku", "1"}}, {{"name", "B"}}}},
      {"offer", {{"kind", false}}},
  };
  const auto m =
      Render(Template("x",
                      "{{#loyalty.member}}member{{/loyalty.member}} "
                      "{{loyalty.points_available}}\n"
                      "{{#figures}}[{{.}}]{{/figures}}\n"
                      "{{#recommendations}}<{{name}}{{#sku}}/{{sku}}{{/sku}}>{{/recommendations}}\n"
                      "{{^offer.kind}}no kind{{/offer.kind}}\n"),
             data);
  EXPECT_EQ(m.body, "member 1500\n[3][4.5][-2]\n<A/1><B>\nno kind\n");
}

TEST(Render, EmptyStringsNullAndEmptyObjectsCountAsAbsent) {
  const auto t = Template("x",
                          "a{{#reason}} because {{reason}}{{/reason}}.\n"
                          "{{^event}}no event{{/event}}\n"
                          "{{^subject}}no subject{{/subject}}\n"
                          "{{#recommendations}}{{name}}{{/"
                          "recommendations}}{{^recommendations}}none{{/recommendations}}\n");
  const auto m = Render(t, {{"reason", ""},
                            {"event", nlohmann::json::object()},
                            {"subject", nullptr},
                            {"recommendations", nlohmann::json::array()}});
  EXPECT_EQ(m.body, "a.\nno event\nno subject\nnone\n");
}

// A line holding only section tags leaves no line of its own, shown or
// skipped, and the empty line after it stays.
TEST(Render, SectionTagLinesLeaveNoLine) {
  const auto t = Template("x", "A\n{{#x}}\nX\n{{/x}}\n\nB\n  {{^x}}  \nnone\n{{/x}}\nC\n");
  EXPECT_EQ(Render(t, {{"x", "1"}}).body, "A\nX\n\nB\nC\n");
  EXPECT_EQ(Render(t, nlohmann::json::object()).body, "A\n\nB\nnone\nC\n");
}

TEST(Render, SubjectIsOneLineAndBodyIsTidied) {
  const auto t = Template("Hallo {{customer.first_name}} !",
                          "\n\nFirst   \n{{#reason}}\n{{reason}}\n{{/reason}}\n\n\n\nLast\t\n\n\n");
  const auto m = Render(t, {{"customer", {{"first_name", "Anna\r\nBcc: x@y"}}}});
  EXPECT_EQ(m.subject, "Hallo Anna Bcc: x@y !");
  EXPECT_EQ(m.body, "First\n\nLast\n");
}

TEST(Render, NotAnObjectRendersAsEmpty) {
  const auto m = Render(Template("S{{subject}}", "B{{reason}}\n"), nlohmann::json::array());
  EXPECT_EQ(m.subject, "S");
  EXPECT_EQ(m.body, "B\n");
}

}  // namespace
}  // namespace retain::messages
