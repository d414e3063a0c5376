#include "retain/contact/consent.h"

#include <algorithm>

namespace retain::contact {

namespace {

bool Granted(const Consent& c) {
  if (c.status != ConsentStatus::kGranted) return false;
  if (c.basis == LegalBasis::kDoubleOptIn) return !c.confirmed_at.empty();
  return c.basis == LegalBasis::kConsent || c.basis == LegalBasis::kContract;
}

bool AllBought(const std::vector<std::string>& message, const std::vector<std::string>& bought) {
  if (message.empty()) return false;
  return std::all_of(message.begin(), message.end(), [&](const std::string& c) {
    return std::binary_search(bought.begin(), bought.end(), c);
  });
}

constexpr const char* kChannelNames[] = {"email", "sms", "phone", "letter"};
constexpr const char* kStatusNames[] = {"unknown", "granted", "denied", "revoked"};
constexpr const char* kBasisNames[] = {"", "consent", "double_opt_in", "uwg_7_3", "contract"};

// The value of enum E whose name (`names`, in enum order) is `name`.
template <class E, size_t N>
std::optional<E> Named(std::string_view name, const char* const (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* ChannelName(Channel c) { return kChannelNames[static_cast<size_t>(c)]; }
std::optional<Channel> ParseChannel(std::string_view name) {
  return Named<Channel>(name, kChannelNames);
}
const char* StatusName(ConsentStatus s) { return kStatusNames[static_cast<size_t>(s)]; }
std::optional<ConsentStatus> ParseStatus(std::string_view name) {
  return Named<ConsentStatus>(name, kStatusNames);
}
const char* BasisName(LegalBasis b) { return kBasisNames[static_cast<size_t>(b)]; }
std::optional<LegalBasis> ParseBasis(std::string_view name) {
  return Named<LegalBasis>(name, kBasisNames);
}

bool Objected(const Consent& c) {
  return c.status == ConsentStatus::kDenied || c.status == ConsentStatus::kRevoked;
}

std::string ConsentProblem(Channel channel, const Consent& c) {
  if (Objected(c) && c.basis != LegalBasis::kNone) {
    return "a refusal or objection has no legal basis";
  }
  if (c.basis == LegalBasis::kDoubleOptIn && (c.confirmed_at.empty() || c.proof.empty())) {
    return "a double opt-in needs its confirmation time (confirmed_at) and proof";
  }
  if (c.basis == LegalBasis::kUwg73 && channel != Channel::kEmail) {
    return "the UWG §7(3) privilege exists for email only";
  }
  if (c.status == ConsentStatus::kGranted && c.basis == LegalBasis::kNone) {
    return "a granted consent needs its legal basis";
  }
  return {};
}

Permission MayContact(Channel channel, bool advertising, const Consent& consent,
                      const LegalContext& context,
                      const std::vector<std::string>& message_categories) {
  if (!context.reachable[static_cast<size_t>(channel)]) return {false, "unreachable", false};
  // About an order or a contract: not advertising, an objection does not stop it.
  if (!advertising) return {true, "contract", false};
  if (Objected(consent)) return {false, "objection", false};
  const bool granted = Granted(consent);
  const char* granted_rule =
      consent.basis == LegalBasis::kDoubleOptIn ? "double_opt_in" : "consent";
  switch (channel) {
    case Channel::kEmail:
      if (granted) return {true, granted_rule, true};
      if (!context.email_from_sale || !context.objection_notice_at_collection) {
        return {false, "no_consent", false};
      }
      if (!AllBought(message_categories, context.bought_categories)) {
        return {false, "uwg_7_3_unrelated", false};
      }
      return {true, "uwg_7_3", true};
    case Channel::kSms:
      if (granted) return {true, granted_rule, true};
      return {false, "no_consent", false};
    case Channel::kPhone:
      if (granted) return {true, granted_rule, true};
      if (context.b2b && context.b2b_presumed_phone_interest) {
        return {true, "b2b_presumed_interest", true};
      }
      return {false, "no_consent", false};
    case Channel::kLetter:
      return {true, "letter", true};
  }
  return {false, "no_consent", false};
}

}  // namespace retain::contact
