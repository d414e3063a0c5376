// /u/{token}: the unsubscribe link of every advertising message. Opening it
// (GET) or a mail program's one-click request (POST, RFC 8058) records the
// objection at once and confirms it in the customer's language; no key.
#include "retain/api/call.h"
#include "retain/api/html.h"
#include "retain/api/routes.h"
#include "retain/app/link_tokens.h"

namespace retain::api {
namespace {

struct PageText {
  const char* lang;
  const char* title;
  const char* text;
};

constexpr PageText kDone[] = {
    {"de", "Sie sind abgemeldet",
     "Wir haben Ihren Widerspruch erfasst und schicken Ihnen über diesen Weg keine Werbung mehr. "
     "Das gilt ab sofort. Nachrichten zu Ihren Bestellungen erhalten Sie weiterhin."},
    {"en", "You are unsubscribed",
     "We have recorded your objection and will send you no more advertising this way, starting "
     "now. You will still hear from us about your orders."}};
constexpr PageText kInvalid[] = {
    {"de", "Dieser Link ist ungültig",
     "Der Abmeldelink ist unvollständig oder wurde verändert. Bitte nutzen Sie den Link aus "
     "unserer Nachricht oder antworten Sie uns einfach."},
    {"en", "This link is not valid",
     "The unsubscribe link is incomplete or was changed. Please use the link from our message, "
     "or simply reply to us."}};

Reply Page(int status, const PageText& t) {
  Reply r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.text = std::string("<!doctype html><html lang=\"") + t.lang +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           HtmlEscape(t.title) +
           "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem "
           "auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>" +
           HtmlEscape(t.title) + "</h1><p>" + HtmlEscape(t.text) + "</p></body></html>\n";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

// German unless the link (or, for a broken one, the browser) says otherwise.
const PageText& In(const PageText (&texts)[2], std::string_view language) {
  return language.rfind("en", 0) == 0 ? texts[1] : texts[0];
}

Reply Follow(Call& call) {
  const std::string token = call.Param("token");
  // The answer's body is the language of the link.
  auto answer = call.services().writes.SubmitOnce(
      {}, [token](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto u = app::Unsubscribe(s, token, core::LocalToday(), core::UtcNowIso());
        if (!u) {
          if (u.error().code() == core::Code::kInvalidArgument ||
              u.error().code() == core::Code::kNotFound) {
            return app::WriteAnswer{400, ""};
          }
          return core::Err(u.error());
        }
        return app::WriteAnswer{200, u->claims.language};
      });
  if (!answer) return Fail(answer.error());
  if (answer->outcome != 200) return Page(400, In(kInvalid, call.Header("Accept-Language")));
  return Page(200, In(kDone, answer->body));
}

}  // namespace

void AddUnsubscribeRoutes(Router& router) {
  router.Add("GET", "/u/{token}", Access::Public(), Follow);
  router.Add("POST", "/u/{token}", Access::Public(), Follow);
}

}  // namespace retain::api
