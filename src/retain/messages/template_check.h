// The data fields a message template may use, and the check that a template
// parses and names no other field (a misspelt field would otherwise print
// nothing, silently).
//
//   if (auto problem = CheckTemplateSource(body)) ...problem->offset, ->message
//
// The fields (all optional unless noted; dates, amounts and values are text
// formatted for the message's language by the caller; numbers are printed
// as plain digits; an empty string, null or empty object counts as absent,
// so {{#field}}...{{/field}} hides a block when it is missing):
//   customer.salutation      "Frau", "Herr" (with the surname: "Frau Müller")
//   customer.first_name, customer.last_name
//   customer.name            the full name, "Anna Müller"
//   customer.company         a business customer's company
//   shop.name                the shop's name (should always be given)
//   shop.url, shop.address   web address; postal address (one line)
//   shop.sender_name         the person signing, "Julia Becker"
//   last_purchase.date, last_purchase.order_id, last_purchase.amount
//   favourite_category       "Laufschuhe"
//   recommendations          list of {name, sku, url} (url optional)
//   loyalty.member           true for a Kunden-Club member
//   loyalty.tier, loyalty.points_available, loyalty.points_expiring,
//   loyalty.expiry_date
//   offer.kind               "voucher" | "points"
//   offer.value_text         "10 €", "500 Bonuspunkte"
//   offer.voucher_code       "DANKE-7K2Q"
//   reason                   a sentence for the customer saying why we write
//                            (the delivery problem; the contract that ends)
//   subject                  what it is about: the new tier (tier_change),
//                            the milestone ("10. Bestellung"), the contract
//   event.name, event.date
//   feedback_url
//   unsubscribe_url          required for advertising messages
//   objection_notice         ObjectionNotice(variant) when the message must
//                            carry it, else empty
//   figures                  the proposal's figures (list of numbers)
//   channel                  the channel the text goes out on (an object)
//   channel.email, channel.letter, channel.sms, channel.phone
//                            exactly one is true; {{#channel.email}}...
//                            {{/channel.email}} holds wording only an email
//                            fits ("reply to this email", "one click"),
//                            {{^channel.email}}...{{/channel.email}} the
//                            wording for letters, texts and calls
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace retain::messages {

// Every field a template may name, dotted ("customer.first_name"), including
// the objects and lists themselves ("customer", "recommendations") and the
// fields of a list's items ("recommendations.name").
std::span<const std::string_view> TemplateFields();

// A problem in a template source: the byte offset it is at and what it is.
struct TemplateProblem {
  size_t offset = 0;
  std::string message;
};

// Checks one mustache source: it must parse; every tag must name a field of
// TemplateFields (inside a section a name may also be relative to it:
// "name" within {{#recommendations}}, or "." for the current item); partials
// and changed delimiters are refused. Returns the first problem, or nullopt.
std::optional<TemplateProblem> CheckTemplateSource(std::string_view source);

}  // namespace retain::messages
