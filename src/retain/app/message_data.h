// The data a message template is rendered with (messages/template_check.h
// lists its fields), for one contact of a committed plan: the customer, their
// last purchase and favourite category, recommended products, the
// Kunden-Club, the offer with its voucher code, the signed unsubscribe and
// feedback links and the objection notice, worded for the customer's
// language.
//
//   auto composer = MessageComposer::Create(store, snapshot, settings, program, day);
//   auto message = composer->Compose(store, interaction);  // in a write transaction
//   // message->rendered.subject, ->rendered.body, ->data, ->voucher_code
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "retain/analytics/associations.h"
#include "retain/analytics/snapshot.h"
#include "retain/core/status.h"
#include "retain/loyalty/program.h"
#include "retain/messages/render.h"
#include "retain/messages/templates.h"
#include "retain/model/customer.h"
#include "retain/storage/store.h"

namespace retain::app {

// The shop as its messages show it ([contact.shop]).
struct ShopInfo {
  std::string name;         // "Schuhhaus Becker"
  std::string url;          // the web shop, "https://schuhhaus-becker.de"
  std::string address;      // one line, for the imprint
  std::string sender_name;  // who signs, "Julia Becker"
  std::string email;        // the sender address of emails
  // Where happy customers can write a review ("https://g.page/r/..."); ""
  // none: the review invitation then asks for a recommendation only.
  std::string review_url;
};

struct MessageSettings {
  ShopInfo shop;
  // Where retain's own pages are reached from the internet (unsubscribe,
  // feedback): "https://club.schuhhaus-becker.de"; the links are
  // <public_url>/u/<token> and <public_url>/f/<token>.
  std::string public_url = "http://localhost:8080";
  std::string templates_dir;  // the shop's own templates; "" = shipped only
  bool informal = false;      // German messages say "du"
  int recommendations = 3;    // products recommended in sales messages
  int voucher_valid_days = 60;
  // A voucher offer to a Kunden-Club member comes with a voucher of the
  // club; customers who are not members get this code from the shop's own
  // system (such as "WIEDERDA10"), or no offer at all when it is empty, so
  // that no message promises what the till cannot take.
  std::string offer_code;
  int feedback_valid_days = 30;
};

// One message, ready to send (or to go into a work list).
struct ComposedMessage {
  model::Customer customer;
  std::string variant;   // "de-sie" | "de-du" | "en"
  std::string language;  // "de" | "en"
  std::string channel;
  messages::RenderedMessage rendered;
  nlohmann::json data;          // what the template was rendered with
  std::string unsubscribe_url;  // "" for service messages
  std::string voucher_code;     // issued with this message ("" when none)
};

// Money as the customer reads it: "1.234,50 €" (de) or "€1,234.50" (en);
// other currencies by their ISO code ("12,00 CHF", "CHF 12.00").
std::string FormatAmount(int64_t minor, const std::string& currency, std::string_view language);
// A day as the customer reads it: "3. März 2026" (de) or "3 March 2026" (en).
std::string FormatLongDay(core::Day day, std::string_view language);

class MessageComposer {
 public:
  // Loads the templates (shipped and `settings.templates_dir`), the rules
  // behind recommendations (from `snapshot`, which must outlive the
  // composer) and the link key. In a write transaction (the link key may
  // be stored on first use). kInvalidArgument for a broken template,
  // naming the file.
  static core::Result<MessageComposer> Create(storage::Store& store,
                                              const analytics::Snapshot& snapshot,
                                              MessageSettings settings,
                                              loyalty::LoyaltyProgram program, core::Day day);

  // The message for `contact` (an interaction of a committed plan; its
  // detail as CommitPlan wrote it). In a write transaction: a voucher offer
  // to a Kunden-Club member issues the voucher (request "contact:<id>").
  // kNotFound when the customer is gone; kInvalidArgument for a detail that
  // is not a plan's. A `preview` issues no voucher (its code reads
  // "XXXX-XXXX-XXXX-XXXX") and writes nothing.
  core::Result<ComposedMessage> Compose(storage::Store& store,
                                        const storage::InteractionRecord& contact,
                                        bool preview = false) const;

  const messages::TemplateSet& templates() const { return *templates_; }
  const MessageSettings& settings() const { return settings_; }

 private:
  MessageComposer() = default;
  core::Result<nlohmann::json> Data(storage::Store& store, const storage::InteractionRecord& c,
                                    const nlohmann::json& detail, bool preview,
                                    ComposedMessage& m) const;

  MessageSettings settings_;
  loyalty::LoyaltyProgram program_;
  const analytics::Snapshot* snapshot_ = nullptr;
  std::shared_ptr<const messages::TemplateSet> templates_;
  std::shared_ptr<const analytics::AssociationReport> rules_;
  std::string link_key_;
  core::Day day_ = 0;
};

}  // namespace retain::app
