// The page behind a feedback link (/f/{token}): the NPS question with its
// eleven answers and a comment field, and the pages that answer it, in
// German and English. Plain HTML forms: it works without JavaScript, and on
// a phone (large touch targets).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retain/api/router.h"

namespace retain::api {

// What the survey form shows.
struct SurveyForm {
  std::string language;    // "de" | "en"
  std::string token;       // the link's token: the form posts back to /f/{token}
  std::string order_id;    // the order asked about ("" none)
  std::string comment;     // kept when the form comes again
  bool ask_score = false;  // say that a score from 0 to 10 is needed
};

// The form page (form id "survey"; with ask_score the message id "error").
std::string SurveyFormHtml(const SurveyForm& form);

enum class SurveyNotice {
  kThanks,    // the answer was recorded (heading id "thanks")
  kAnswered,  // answered before (heading id "answered")
  kInvalid,   // forged, altered or not a survey link (heading id "invalid")
  kExpired,   // the link is too old (heading id "invalid")
};

// A page with a heading and a sentence, and no form.
std::string SurveyNoticeHtml(SurveyNotice notice, std::string_view language);

// A page as the reply: HTML, never cached, no referrer, and a content
// security policy that allows nothing but its own style and form.
Reply SurveyReply(int status, std::string html);

// "en" when the browser's first preferred language (Accept-Language) is
// English, else "de".
std::string BrowserLanguage(std::string_view accept_language);

// What the form sent (application/x-www-form-urlencoded, UTF-8).
struct SurveyAnswer {
  std::optional<int> score;  // nullopt: missing or not 0..10
  std::string comment;       // valid UTF-8, line ends as \n, at most 2000 characters
};

SurveyAnswer ParseSurveyAnswer(std::string_view body);

}  // namespace retain::api
