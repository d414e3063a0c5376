#include "retain/api/survey_page.h"

#include "retain/api/html.h"
#include "retain/core/text.h"

namespace retain::api {
namespace {

struct Texts {
  const char* lang;
  const char* title;
  const char* order;  // followed by the order id
  const char* question;
  const char* low;
  const char* high;
  const char* comment;
  const char* submit;
  const char* ask_score;
  const char* thanks_title;
  const char* thanks_text;
  const char* answered_title;
  const char* answered_text;
  const char* invalid_title;
  const char* invalid_text;
  const char* expired_title;
  const char* expired_text;
};

constexpr Texts kGerman{
    "de",
    "Ihre Meinung zählt",
    "Zu Ihrer Bestellung",
    "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
    "0 = unwahrscheinlich",
    "10 = äußerst wahrscheinlich",
    "Möchten Sie uns noch etwas sagen? (freiwillig)",
    "Absenden",
    "Bitte wählen Sie einen Wert von 0 bis 10.",
    "Vielen Dank!",
    "Ihre Antwort ist bei uns angekommen. Sie hilft uns, noch besser zu werden.",
    "Sie haben uns schon geantwortet – danke!",
    "Ihre Antwort liegt uns bereits vor. Mehr brauchen wir nicht.",
    "Dieser Link ist ungültig",
    "Der Link zur Umfrage ist unvollständig oder wurde verändert. Bitte nutzen Sie den Link aus "
    "unserer Nachricht oder antworten Sie uns einfach.",
    "Dieser Link ist abgelaufen",
    "Die Umfrage ist leider nicht mehr geöffnet. Wenn Sie uns etwas sagen möchten, antworten Sie "
    "uns gern direkt.",
};

constexpr Texts kEnglish{
    "en",
    "Your opinion matters",
    "About your order",
    "How likely are you to recommend us to a friend or colleague?",
    "0 = not at all likely",
    "10 = extremely likely",
    "Is there anything else you would like to tell us? (optional)",
    "Send",
    "Please choose a value from 0 to 10.",
    "Thank you!",
    "We have received your answer. It helps us to get even better.",
    "You have answered already – thank you!",
    "We have your answer already; there is nothing more to do.",
    "This link is not valid",
    "The survey link is incomplete or was changed. Please use the link from our message, or "
    "simply reply to us.",
    "This link has expired",
    "The survey is no longer open. If you would like to tell us something, simply reply to us.",
};

const Texts& In(std::string_view language) { return language == "en" ? kEnglish : kGerman; }

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1d1d1d;background:#fff}"
    "h1{font-size:1.5rem;line-height:1.25}"
    "fieldset{border:0;padding:0;margin:0 0 1.5rem}"
    "legend{font-size:1.15rem;font-weight:600;margin-bottom:.75rem}"
    ".scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.75rem,1fr));gap:.4rem}"
    ".scale label{position:relative}"
    ".scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0}"
    ".scale span{display:flex;align-items:center;justify-content:center;min-height:3rem;"
    "border:2px solid #767676;border-radius:.5rem;font-size:1.15rem;cursor:pointer}"
    ".scale input:checked+span{background:#1f5fbf;border-color:#1f5fbf;color:#fff}"
    ".scale input:focus-visible+span{outline:3px solid #f0a000;outline-offset:2px}"
    ".ends{display:flex;justify-content:space-between;gap:1rem;font-size:.9rem;color:#555;"
    "margin:.5rem 0 0}"
    "textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:2px solid #767676;"
    "border-radius:.5rem}"
    "button{font:inherit;font-size:1.1rem;min-height:3rem;padding:.6rem 2rem;margin-top:1rem;"
    "border:0;border-radius:.5rem;background:#1f5fbf;color:#fff;cursor:pointer}"
    ".error{color:#a00000;font-weight:600}";

std::string Head(const Texts& t, std::string_view title) {
  return std::string("<!doctype html><html lang=\"") + t.lang +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" "
         "content=\"noindex\"><title>" +
         HtmlEscape(title) + "</title><style>" + kStyle + "</style></head><body><main>";
}

constexpr const char* kFoot = "</main></body></html>\n";

// Appends the UTF-8 character starting at s[i] to out; returns its length.
size_t CopyCharacter(std::string_view s, size_t i, std::string& out) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  out.append(s.substr(i, n));
  return n;
}

// The comment as stored: UTF-8 (a browser sending Windows-1252 is read as
// such), \n line ends, at most 2000 characters.
std::string CleanComment(std::string_view raw) {
  std::string text;
  if (core::ValidUtf8Prefix(raw) == raw.size()) {
    text = raw;
  } else {
    core::AppendWindows1252AsUtf8(raw, text);
    text.resize(core::ValidUtf8Prefix(text));
  }
  std::string out;
  size_t characters = 0;
  for (size_t i = 0; i < text.size() && characters < 2000; ++characters) {
    if (text[i] == '\r') {
      out += '\n';
      i += text.compare(i, 2, "\r\n") == 0 ? 2 : 1;
      continue;
    }
    i += CopyCharacter(text, i, out);
  }
  const auto end = out.find_last_not_of(" \t\n");
  out.erase(end == std::string::npos ? 0 : end + 1);
  const auto start = out.find_first_not_of(" \t\n");
  out.erase(0, start == std::string::npos ? out.size() : start);
  return out;
}

}  // namespace

std::string SurveyFormHtml(const SurveyForm& form) {
  const Texts& t = In(form.language);
  std::string html = Head(t, t.title);
  html += "<h1>";
  html += HtmlEscape(t.title);
  html += "</h1>";
  if (!form.order_id.empty()) {
    html += "<p id=\"order\">";
    html += HtmlEscape(t.order);
    html += " <strong>";
    html += HtmlEscape(form.order_id);
    html += "</strong></p>";
  }
  if (form.ask_score) {
    html += "<p id=\"error\" class=\"error\" role=\"alert\">";
    html += HtmlEscape(t.ask_score);
    html += "</p>";
  }
  html += "<form id=\"survey\" method=\"post\" action=\"/f/" + HtmlEscape(form.token) +
          "\" accept-charset=\"utf-8\"><fieldset><legend>" + HtmlEscape(t.question) +
          "</legend><div class=\"scale\">";
  for (int score = 0; score <= 10; ++score) {
    const std::string v = std::to_string(score);
    html += "<label><input type=\"radio\" name=\"score\" value=\"" + v + "\" required";
    if (score == 0) html += " aria-describedby=\"ends\"";
    html += "><span>" + v + "</span></label>";
  }
  html += "</div><p id=\"ends\" class=\"ends\"><span>" + HtmlEscape(t.low) + "</span><span>" +
          HtmlEscape(t.high) + "</span></p></fieldset><label for=\"comment\">" +
          HtmlEscape(t.comment) +
          "</label><textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"2000\">" +
          HtmlEscape(form.comment) + "</textarea><button type=\"submit\">" + HtmlEscape(t.submit) +
          "</button></form>";
  html += kFoot;
  return html;
}

std::string SurveyNoticeHtml(SurveyNotice notice, std::string_view language) {
  const Texts& t = In(language);
  const char *id = "thanks", *title = t.thanks_title, *text = t.thanks_text;
  switch (notice) {
    case SurveyNotice::kThanks:
      break;
    case SurveyNotice::kAnswered:
      id = "answered", title = t.answered_title, text = t.answered_text;
      break;
    case SurveyNotice::kInvalid:
      id = "invalid", title = t.invalid_title, text = t.invalid_text;
      break;
    case SurveyNotice::kExpired:
      id = "invalid", title = t.expired_title, text = t.expired_text;
      break;
  }
  return Head(t, title) + "<h1 id=\"" + id + "\">" + HtmlEscape(title) + "</h1><p>" +
         HtmlEscape(text) + "</p>" + kFoot;
}

Reply SurveyReply(int status, std::string html) {
  Reply r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.text = std::move(html);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                         "base-uri 'none'; frame-ancestors 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

std::string BrowserLanguage(std::string_view accept_language) {
  const auto first = core::TrimView(accept_language.substr(0, accept_language.find(',')));
  return core::AsciiLower(first.substr(0, 2)) == "en" ? "en" : "de";
}

SurveyAnswer ParseSurveyAnswer(std::string_view body) {
  SurveyAnswer a;
  bool seen_score = false;
  for (const auto& [name, value] : ParseQuery(body)) {
    if (name == "score" && !seen_score) {
      seen_score = true;
      const auto v = core::TrimView(value);
      if (!v.empty() && v.size() <= 2 && v.find_first_not_of("0123456789") == v.npos) {
        const int score = std::stoi(std::string(v));
        if (score <= 10) a.score = score;
      }
    } else if (name == "comment" && a.comment.empty()) {
      a.comment = CleanComment(value);
    }
  }
  return a;
}

}  // namespace retain::api
