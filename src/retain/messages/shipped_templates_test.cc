// Every shipped template renders well for every trigger, variant and
// channel, with all data and with the least data an advertising message can
// have; only an email speaks of email and clicks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string_view>

#include "retain/messages/messages_testing.h"
#include "retain/messages/objection_notice.h"
#include "retain/messages/render.h"
#include "retain/messages/templates.h"

namespace retain::messages {
namespace {

using contact::Trigger;

struct Case {
  Trigger trigger;
  std::string variant;
  bool full;            // FullData, else MinimalData
  std::string channel;  // "email", "letter", "sms", "phone"
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << contact::TriggerName(c.trigger) << " " << c.variant << (c.full ? " full " : " minimal ")
      << c.channel;
}

std::string Name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = std::string(contact::TriggerName(info.param.trigger)) + "_" +
                     info.param.variant + (info.param.full ? "_full_" : "_minimal_") +
                     info.param.channel;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (int t = 0; t < contact::kTriggerCount; ++t) {
    for (auto v : kVariants) {
      for (bool full : {true, false}) {
        for (const char* channel : {"email", "letter", "sms", "phone"}) {
          cases.push_back({static_cast<Trigger>(t), std::string(v), full, channel});
        }
      }
    }
  }
  return cases;
}

const TemplateSet& Shipped() {
  static const TemplateSet set = *TemplateSet::Load("");
  return set;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Words that only fit an email, lower case ("E-Mail", "Klick", "clicks").
constexpr std::string_view kEmailWords[] = {"e-mail", "email", "klick", "click"};

// The line before the first line holding `part` (the sentence that
// introduces a link), or "".
std::string LineBefore(std::string_view text, std::string_view part) {
  const size_t at = text.find(part);
  if (at == std::string_view::npos) return "";
  const size_t line_start = text.rfind('\n', at);
  if (line_start == std::string_view::npos || line_start == 0) return "";
  const size_t before = text.rfind('\n', line_start - 1);
  const size_t from = before == std::string_view::npos ? 0 : before + 1;
  return std::string(text.substr(from, line_start - from));
}

// The first line of `text` with two spaces in a row after its first
// non-space character (a gap where an absent value was), or "". Spaces
// that indent a line (a link under a list item) are fine.
std::string LineWithDoubleSpace(std::string_view text) {
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    const size_t start = line.find_first_not_of(' ');
    if (start != std::string_view::npos && line.find("  ", start) != std::string_view::npos) {
      return std::string(line);
    }
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return "";
}

class ShippedTemplate : public ::testing::TestWithParam<Case> {};

TEST_P(ShippedTemplate, RendersCleanly) {
  const Case& c = GetParam();
  const auto data = testing::OnChannel(
      c.full ? testing::FullData(c.variant) : testing::MinimalData(c.variant), c.channel);
  const RenderedMessage m = Render(Shipped().Find(c.trigger, c.variant), data);

  ASSERT_FALSE(m.subject.empty());
  ASSERT_FALSE(m.body.empty());
  for (const std::string* text : {&m.subject, &m.body}) {
    // No tag left over, and no gap where an absent value was.
    for (std::string_view bad : {"{{", "}}", " ,", " .", " :", "()", "„“", "“”", " !"}) {
      EXPECT_FALSE(Contains(*text, bad)) << "\"" << bad << "\" in:\n" << *text;
    }
    EXPECT_EQ(LineWithDoubleSpace(*text), "") << "two spaces in a row in:\n" << *text;
  }
  EXPECT_FALSE(Contains(m.body, " \n")) << m.body;
  EXPECT_FALSE(Contains(m.body, "\n\n\n")) << m.body;
  EXPECT_EQ(m.body.back(), '\n');
  EXPECT_NE(m.body.front(), '\n');

  // Every message can be unsubscribed from; advertising emails carry the
  // notice of UWG §7(3) (the arbiter treats all but service as advertising).
  const std::string unsubscribe_url = data["unsubscribe_url"].get<std::string>();
  EXPECT_TRUE(Contains(m.body, unsubscribe_url)) << m.body;
  if (contact::PurposeOf(c.trigger) != contact::Purpose::kService && c.channel == "email") {
    EXPECT_TRUE(Contains(m.body, ObjectionNotice(c.variant))) << m.body;
  }

  // An email offers the one click; a letter, text or call speaks of no
  // email and no click (the test data has none of these words itself).
  const std::string unsubscribe_line = Lower(LineBefore(m.body, unsubscribe_url));
  if (c.channel == "email") {
    EXPECT_TRUE(Contains(unsubscribe_line, "klick") || Contains(unsubscribe_line, "click"))
        << m.body;
  } else {
    EXPECT_FALSE(unsubscribe_line.empty()) << m.body;
    const std::string data_text = Lower(data.dump());
    const std::string text = Lower(m.subject + "\n" + m.body);
    for (std::string_view word : kEmailWords) {
      ASSERT_FALSE(Contains(data_text, word)) << word << " in the test data: " << data_text;
      EXPECT_FALSE(Contains(text, word)) << word << " in:\n" << m.subject << "\n" << m.body;
    }
  }

  if (c.full) {
    const std::string greeting = c.variant == "de-sie" ? "Guten Tag Frau Müller," : "Anna,";
    EXPECT_TRUE(Contains(m.body, greeting)) << m.body;
    EXPECT_TRUE(Contains(m.body, "Julia Becker")) << m.body;
    EXPECT_TRUE(Contains(m.body, "Hauptstraße 12, 79098 Freiburg")) << m.body;
  } else {
    EXPECT_TRUE(m.body.starts_with(c.variant == "de-sie"  ? "Guten Tag,\n"
                                   : c.variant == "de-du" ? "Hallo,\n"
                                                          : "Hello,\n"))
        << m.body;
  }

  // The form of address stays the same throughout.
  if (c.variant == "de-du") {
    for (std::string_view formal : {"Ihnen", " Ihr ", " Ihre ", " Sie ", "Sie?", "Sie."}) {
      EXPECT_FALSE(Contains(m.body, formal)) << formal << " in:\n" << m.body;
    }
  } else if (c.variant == "de-sie") {
    for (std::string_view informal : {" dich", " dir ", " du ", " dein", " Dein"}) {
      EXPECT_FALSE(Contains(m.body, informal)) << informal << " in:\n" << m.body;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllTriggersAndVariants, ShippedTemplate, ::testing::ValuesIn(AllCases()),
                         Name);

// The offers, order numbers and links a trigger is about reach the text.
TEST(ShippedTemplates, ShowWhatTheyAreAbout) {
  struct Expect {
    Trigger trigger;
    std::vector<std::string> parts;
  };
  const std::vector<Expect> expected = {
      {Trigger::kServiceProblem, {"B-10442", "3. März 2026", "DANKE-7K2Q"}},
      {Trigger::kFeedbackRequest,
       {"B-10442", "https://schuhhaus-becker.example/bewertung/B-10442"}},
      {Trigger::kRenewal, {"10 €", "DANKE-7K2Q"}},
      {Trigger::kTierChange, {"Gold", "1240"}},
      {Trigger::kPointsExpiring, {"300", "31. März 2026", "1240"}},
      {Trigger::kBirthday, {"10 €", "DANKE-7K2Q"}},
      {Trigger::kEventInvitation, {"Sommerabend im Laden", "12. Juni 2026", "Gold"}},
      {Trigger::kMilestone, {"DANKE-7K2Q", "1240"}},
      {Trigger::kSurprise, {"DANKE-7K2Q"}},
      {Trigger::kKeepInTouch, {"Laufschuhe", "https://schuhhaus-becker.example"}},
      {Trigger::kWinBack, {"Trailrunner Pro", "TR-200", "https://s.example/tr-200", "DANKE-7K2Q"}},
      {Trigger::kNewInCategory, {"Laufschuhe", "Trailrunner Pro", "Laufsocken Merino"}},
  };
  for (const auto& e : expected) {
    for (auto v : kVariants) {
      const auto m = Render(Shipped().Find(e.trigger, v), testing::FullData(v));
      for (const auto& part : e.parts) {
        EXPECT_TRUE(Contains(m.subject + "\n" + m.body, part))
            << contact::TriggerName(e.trigger) << " " << v << " lacks " << part << ":\n"
            << m.body;
      }
    }
  }
}

}  // namespace
}  // namespace retain::messages
