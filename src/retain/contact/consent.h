// Consent and the German rules for contacting a customer (UWG §7, GDPR).
//
//   Permission p = MayContact(Channel::kEmail, /*advertising=*/true,
//                             consent, context, {"Schuhe"});
//   if (!p.allowed) ...p.rule names the rule that refused ("objection", ...)
//
// Only rules live here (pure functions); the consent records with their
// history are in storage, the use cases in app.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retain::contact {

enum class Channel { kEmail, kSms, kPhone, kLetter };
inline constexpr std::array<Channel, 4> kChannels = {Channel::kEmail, Channel::kSms,
                                                     Channel::kPhone, Channel::kLetter};
const char* ChannelName(Channel c);  // "email" | "sms" | "phone" | "letter"
std::optional<Channel> ParseChannel(std::string_view name);

// Unknown: nothing recorded. Denied: the customer said no when asked.
// Revoked: a consent given earlier was withdrawn, or an objection
// (unsubscribe, "Widerspruch"). Denied and revoked both count as objection.
enum class ConsentStatus { kUnknown, kGranted, kDenied, kRevoked };
const char* StatusName(ConsentStatus s);  // "unknown" | "granted" | "denied" | "revoked"
std::optional<ConsentStatus> ParseStatus(std::string_view name);

// Why a contact is lawful: express consent; double opt-in (consent
// confirmed through the channel itself, with time and proof); the
// existing-customer privilege of UWG §7(3) (email only); a contract.
enum class LegalBasis { kNone, kConsent, kDoubleOptIn, kUwg73, kContract };
// "" | "consent" | "double_opt_in" | "uwg_7_3" | "contract"
const char* BasisName(LegalBasis b);
std::optional<LegalBasis> ParseBasis(std::string_view name);

// The current consent of one customer on one channel.
struct Consent {
  ConsentStatus status = ConsentStatus::kUnknown;
  LegalBasis basis = LegalBasis::kNone;
  std::string source;        // "import", "api", "unsubscribe", ...
  std::string changed_at;    // ISO 8601 with offset
  std::string confirmed_at;  // double opt-in: when the customer confirmed
  std::string proof;         // double opt-in: the confirmation token or message id
};

// Denied or revoked: an objection, which always wins.
bool Objected(const Consent& c);

// kInvalidArgument-style problem with a consent as given (empty when fine):
// a double opt-in needs its confirmation time and proof; the §7(3)
// privilege exists for email only; a refusal has no legal basis.
std::string ConsentProblem(Channel channel, const Consent& c);

// What the law needs to know about the customer besides the consent.
struct LegalContext {
  bool b2b = false;
  // The customer can be reached on the channel at all (an address, a number).
  std::array<bool, 4> reachable = {true, true, true, true};  // by Channel
  // UWG §7(3): the shop got the email address in connection with a sale,
  // and told the customer then that they may object at any time.
  bool email_from_sale = false;
  bool objection_notice_at_collection = false;
  // B2B phone calls on presumed interest (UWG §7(2) Nr. 1), if the shop has
  // documented it; a setting.
  bool b2b_presumed_phone_interest = false;
  // Categories the customer bought (sorted, distinct): §7(3) covers own
  // goods similar to those.
  std::vector<std::string> bought_categories;
};

struct Permission {
  bool allowed = false;
  // The rule that decided: "contract", "consent", "double_opt_in",
  // "uwg_7_3", "letter", "b2b_presumed_interest" when allowed;
  // "unreachable", "objection", "no_consent", "uwg_7_3_unrelated" when not.
  const char* rule = "";
  // The message must tell the customer they may object at any time
  // (every advertising message carries it).
  bool objection_notice = false;
};

// May the shop contact the customer on `channel`? Service messages about an
// order or contract (advertising = false) only need a way to reach them;
// anything else is advertising: an objection refuses it; email and SMS need
// consent (email also the §7(3) privilege, for goods of categories the
// customer bought: `message_categories` non-empty and all among them); a
// consumer's phone needs express consent (a business's: consent or presumed
// interest); a letter is fine unless objected.
Permission MayContact(Channel channel, bool advertising, const Consent& consent,
                      const LegalContext& context,
                      const std::vector<std::string>& message_categories);

}  // namespace retain::contact
