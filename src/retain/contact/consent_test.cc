#include "retain/contact/consent.h"

#include <gtest/gtest.h>

namespace retain::contact {
namespace {

Consent With(ConsentStatus status, LegalBasis basis) {
  Consent c;
  c.status = status;
  c.basis = basis;
  return c;
}

// A customer who bought shoes online and was told at checkout they may object.
LegalContext ShoeBuyer() {
  LegalContext ctx;
  ctx.email_from_sale = true;
  ctx.objection_notice_at_collection = true;
  ctx.bought_categories = {"Schuhe", "Socken"};
  return ctx;
}

TEST(MayContact, NoEmailAdvertisingWithoutConsentOrPrivilege) {
  LegalContext ctx;  // address not from a sale
  auto p = MayContact(Channel::kEmail, true, Consent{}, ctx, {"Schuhe"});
  EXPECT_FALSE(p.allowed);
  EXPECT_STREQ(p.rule, "no_consent");
  // From a sale, but the customer was not told of the right to object then.
  ctx.email_from_sale = true;
  EXPECT_FALSE(MayContact(Channel::kEmail, true, Consent{}, ctx, {"Schuhe"}).allowed);
}

TEST(MayContact, PrivilegeCoversSimilarGoodsOnly) {
  const auto ctx = ShoeBuyer();
  auto p = MayContact(Channel::kEmail, true, Consent{}, ctx, {"Schuhe"});
  EXPECT_TRUE(p.allowed);
  EXPECT_STREQ(p.rule, "uwg_7_3");
  EXPECT_TRUE(p.objection_notice);
  // Unrelated category, a mix, or no goods at all (a birthday greeting).
  EXPECT_STREQ(MayContact(Channel::kEmail, true, Consent{}, ctx, {"Elektronik"}).rule,
               "uwg_7_3_unrelated");
  EXPECT_FALSE(MayContact(Channel::kEmail, true, Consent{}, ctx, {"Schuhe", "Elektronik"}).allowed);
  EXPECT_FALSE(MayContact(Channel::kEmail, true, Consent{}, ctx, {}).allowed);
  // The privilege is for email only.
  EXPECT_FALSE(MayContact(Channel::kSms, true, Consent{}, ctx, {"Schuhe"}).allowed);
}

TEST(MayContact, ObjectionBeatsEverything) {
  const auto ctx = ShoeBuyer();
  for (auto status : {ConsentStatus::kDenied, ConsentStatus::kRevoked}) {
    const Consent objected = With(status, LegalBasis::kNone);
    for (Channel ch : kChannels) {
      auto p = MayContact(ch, true, objected, ctx, {"Schuhe"});
      EXPECT_FALSE(p.allowed) << ChannelName(ch);
      EXPECT_STREQ(p.rule, "objection") << ChannelName(ch);
    }
  }
  // A B2B customer with presumed interest who objected is not called either.
  LegalContext b2b = ctx;
  b2b.b2b = true;
  b2b.b2b_presumed_phone_interest = true;
  EXPECT_FALSE(
      MayContact(Channel::kPhone, true, With(ConsentStatus::kRevoked, LegalBasis::kNone), b2b, {})
          .allowed);
}

TEST(MayContact, ServiceMessagesNeedOnlyAWayToReachTheCustomer) {
  LegalContext ctx;
  const Consent objected = With(ConsentStatus::kRevoked, LegalBasis::kNone);
  auto p = MayContact(Channel::kEmail, false, objected, ctx, {});
  EXPECT_TRUE(p.allowed);
  EXPECT_STREQ(p.rule, "contract");
  EXPECT_FALSE(p.objection_notice);
  ctx.reachable[static_cast<size_t>(Channel::kEmail)] = false;
  EXPECT_STREQ(MayContact(Channel::kEmail, false, objected, ctx, {}).rule, "unreachable");
}

TEST(MayContact, PhoneNeedsExpressConsentFromConsumers) {
  LegalContext ctx = ShoeBuyer();
  EXPECT_STREQ(MayContact(Channel::kPhone, true, Consent{}, ctx, {"Schuhe"}).rule, "no_consent");
  EXPECT_TRUE(MayContact(Channel::kPhone, true, With(ConsentStatus::kGranted, LegalBasis::kConsent),
                         ctx, {})
                  .allowed);
  // Businesses: presumed interest only where the shop switched it on.
  ctx.b2b = true;
  EXPECT_FALSE(MayContact(Channel::kPhone, true, Consent{}, ctx, {}).allowed);
  ctx.b2b_presumed_phone_interest = true;
  EXPECT_STREQ(MayContact(Channel::kPhone, true, Consent{}, ctx, {}).rule, "b2b_presumed_interest");
}

TEST(MayContact, SmsNeedsConsentAndLettersAreFineUnlessObjected) {
  const LegalContext ctx;
  EXPECT_FALSE(MayContact(Channel::kSms, true, Consent{}, ctx, {}).allowed);
  EXPECT_TRUE(
      MayContact(Channel::kSms, true, With(ConsentStatus::kGranted, LegalBasis::kConsent), ctx, {})
          .allowed);
  auto letter = MayContact(Channel::kLetter, true, Consent{}, ctx, {});
  EXPECT_TRUE(letter.allowed);
  EXPECT_TRUE(letter.objection_notice);
}

TEST(MayContact, DoubleOptInCountsOnceConfirmed) {
  const LegalContext ctx;
  Consent doi = With(ConsentStatus::kGranted, LegalBasis::kDoubleOptIn);
  EXPECT_FALSE(MayContact(Channel::kEmail, true, doi, ctx, {}).allowed);
  doi.confirmed_at = "2026-03-01T10:00:00+01:00";
  doi.proof = "doi-7f3a";
  auto p = MayContact(Channel::kEmail, true, doi, ctx, {});
  EXPECT_TRUE(p.allowed);
  EXPECT_STREQ(p.rule, "double_opt_in");
}

TEST(ConsentProblem, RefusesIncompleteRecords) {
  EXPECT_EQ(ConsentProblem(Channel::kEmail, With(ConsentStatus::kGranted, LegalBasis::kConsent)),
            "");
  EXPECT_NE(
      ConsentProblem(Channel::kEmail, With(ConsentStatus::kGranted, LegalBasis::kDoubleOptIn)), "");
  EXPECT_NE(ConsentProblem(Channel::kSms, With(ConsentStatus::kGranted, LegalBasis::kUwg73)), "");
  EXPECT_NE(ConsentProblem(Channel::kEmail, With(ConsentStatus::kGranted, LegalBasis::kNone)), "");
  EXPECT_NE(ConsentProblem(Channel::kEmail, With(ConsentStatus::kRevoked, LegalBasis::kConsent)),
            "");
}

TEST(ConsentNames, RoundTrip) {
  for (Channel c : kChannels) EXPECT_EQ(ParseChannel(ChannelName(c)), c);
  EXPECT_EQ(ParseStatus("revoked"), ConsentStatus::kRevoked);
  EXPECT_EQ(ParseBasis("uwg_7_3"), LegalBasis::kUwg73);
  EXPECT_FALSE(ParseChannel("fax").has_value());
}

}  // namespace
}  // namespace retain::contact
