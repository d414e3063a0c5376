#include "retain/messages/templates.h"

#include <gtest/gtest.h>

#include "retain/messages/messages_testing.h"
#include "retain/messages/render.h"

namespace retain::messages {
namespace {

using contact::Trigger;
using testing::ScratchDir;

const TemplateSet& Shipped() {
  static const TemplateSet set = [] {
    auto s = TemplateSet::Load("");
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return std::move(*s);
  }();
  return set;
}

TEST(Templates, VariantForLanguageAndForm) {
  EXPECT_EQ(VariantFor("de", false), "de-sie");
  EXPECT_EQ(VariantFor("de", true), "de-du");
  EXPECT_EQ(VariantFor("DE-at", true), "de-du");
  EXPECT_EQ(VariantFor("en", true), "en");
  EXPECT_EQ(VariantFor("fr", false), "en");
  EXPECT_EQ(VariantFor("", false), "en");
  EXPECT_EQ(VariantFor("dee", false), "en");
}

TEST(Templates, EveryTriggerAndVariantIsShipped) {
  for (int t = 0; t < contact::kTriggerCount; ++t) {
    for (auto variant : kVariants) {
      const auto& m = Shipped().Find(static_cast<Trigger>(t), variant);
      EXPECT_EQ(m.trigger, static_cast<Trigger>(t));
      EXPECT_EQ(m.variant, variant);
      EXPECT_EQ(m.origin, "templates/" + std::string(variant) + "/" +
                              contact::TriggerName(static_cast<Trigger>(t)) + ".mustache");
    }
  }
  EXPECT_EQ(Shipped().Find(Trigger::kBirthday, "fr").variant, "en");
}

TEST(Templates, AnOverrideReplacesOneTemplate) {
  ScratchDir dir;
  const std::string path = dir.Write("de-du/birthday.mustache",
                                     "Subject: Happy Birthday, {{customer.first_name}}!\n\n"
                                     "Hey {{customer.first_name}}!\r\n{{unsubscribe_url}}\n");
  dir.Write("README.md", "how to edit");           // beside the folders: ignored
  dir.Write("de-du/.birthday.mustache.swp", "x");  // hidden: ignored
  auto set = TemplateSet::Load(dir.path());
  ASSERT_TRUE(set.has_value()) << set.error().message();
  const auto& t = set->Find(Trigger::kBirthday, "de-du");
  EXPECT_EQ(t.origin, path);
  const auto m = Render(t, {{"customer", {{"first_name", "Anna"}}}, {"unsubscribe_url", "u"}});
  EXPECT_EQ(m.subject, "Happy Birthday, Anna!");
  EXPECT_EQ(m.body, "Hey Anna!\nu\n");
  // The others stay as shipped.
  EXPECT_EQ(set->Find(Trigger::kBirthday, "de-sie").origin, "templates/de-sie/birthday.mustache");
  EXPECT_EQ(set->Find(Trigger::kWinBack, "de-du").origin, "templates/de-du/win_back.mustache");
}

TEST(Templates, ABrokenOverrideFailsNamingTheFileAndLine) {
  ScratchDir dir;
  const std::string path = dir.Write("en/win_back.mustache",
                                     "Subject: We miss you\n\nHello,\n\n{{#offer.value_text}}\n"
                                     "A gift: {{offer.value_text}}\n");
  auto set = TemplateSet::Load(dir.path());
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(set.error().message(), path + ":5:1: unclosed section \"offer.value_text\"");
}

TEST(Templates, AMisspeltFieldFailsNamingIt) {
  ScratchDir dir;
  const std::string path = dir.Write("de-sie/milestone.mustache",
                                     "Subject: Danke\n\nGuten Tag {{customer.frist_name}},\n");
  auto set = TemplateSet::Load(dir.path());
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code(), core::Code::kInvalidArgument);
  EXPECT_NE(set.error().message().find(path + ":3:11: unknown field \"customer.frist_name\""),
            std::string::npos)
      << set.error().message();
}

TEST(Templates, UnknownFileAndFolderNamesFail) {
  {
    ScratchDir dir;
    dir.Write("de-sie/bday.mustache", "Subject: x\n\ny\n");
    auto set = TemplateSet::Load(dir.path());
    ASSERT_FALSE(set.has_value());
    EXPECT_EQ(set.error().code(), core::Code::kInvalidArgument);
    EXPECT_NE(set.error().message().find("bday.mustache: not a template file"), std::string::npos)
        << set.error().message();
  }
  {
    ScratchDir dir;
    dir.Write("fr/birthday.mustache", "Subject: x\n\ny\n");
    auto set = TemplateSet::Load(dir.path());
    ASSERT_FALSE(set.has_value());
    EXPECT_NE(set.error().message().find("unknown language variant \"fr\""), std::string::npos)
        << set.error().message();
  }
  auto missing = TemplateSet::Load("/nonexistent/retain-templates");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), core::Code::kNotFound);
}

}  // namespace
}  // namespace retain::messages
