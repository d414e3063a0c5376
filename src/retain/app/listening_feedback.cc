// Feedback answers: from the survey page, the API and imports; survey links.
#include <algorithm>

#include "retain/app/link_tokens.h"
#include "retain/app/listening.h"
#include "retain/core/text.h"

namespace retain::app {
namespace {

// The order `order_id` of the customer: its sales channel and store.
// kNotFound when the customer has no such order.
core::Status FillFromOrder(storage::Store& store, const std::string& customer_id,
                           const std::string& order_id, storage::FeedbackRecord& f) {
  auto orders = store.CustomerOrders(customer_id);
  if (!orders) return orders.error();
  const auto it = std::find_if(orders->begin(), orders->end(), [&](const storage::OrderRecord& o) {
    return o.order.external_id == order_id;
  });
  if (it == orders->end()) {
    return core::NotFound("order_id: customer '" + customer_id + "' has no order '" + order_id +
                          "'");
  }
  if (f.sales_channel.empty()) f.sales_channel = model::ChannelName(it->order.channel);
  if (f.store.empty()) f.store = it->order.store_id;
  return {};
}

// The feedback request (interaction) `id` of the customer, or nullopt.
core::Result<std::optional<storage::InteractionRecord>> FindRequest(storage::Store& store,
                                                                    const std::string& customer_id,
                                                                    int64_t id) {
  auto contacts = store.CustomerInteractions(customer_id);
  if (!contacts) return core::Err(contacts.error());
  for (const auto& c : *contacts) {
    if (c.id == id) return std::optional<storage::InteractionRecord>(c);
  }
  return std::optional<storage::InteractionRecord>();
}

std::string OrderOf(const std::string& reference) {
  return reference.starts_with("order:") ? reference.substr(6) : "";
}

core::Result<FeedbackOutcome> Save(storage::Store& store, storage::FeedbackRecord f,
                                   const ListeningSettings& settings, const std::string& now) {
  auto id = store.SaveFeedback(f);
  if (!id) return core::Err(id.error());
  f.id = *id;
  FeedbackOutcome out{f, std::nullopt, false};
  auto task = OpenCallBack(store, f, settings, now);
  if (!task) return core::Err(task.error());
  out.task = std::move(*task);
  return out;
}

}  // namespace

core::Status Validate(const ListeningSettings& s) {
  if (s.call_back_working_days < 0) {
    return core::InvalidArgument("call_back_working_days must be 0 or more");
  }
  if (s.satisfaction_call_min_cents < 0) {
    return core::InvalidArgument("satisfaction_call_min_cents must be 0 or more");
  }
  if (s.satisfaction_call_after_days < 0 || s.satisfaction_call_working_days < 0) {
    return core::InvalidArgument(
        "satisfaction_call_after_days and satisfaction_call_working_days must be 0 or more");
  }
  if (s.complaint_risk_days < 0) {
    return core::InvalidArgument("complaint_risk_days must be 0 or more");
  }
  return {};
}

core::Result<FeedbackOutcome> RecordFeedback(storage::Store& store, const FeedbackInput& in,
                                             const ListeningSettings& settings, core::Day today,
                                             const std::string& now) {
  if (in.customer_id.empty()) return core::Err(core::InvalidArgument("customer_id: is required"));
  if (in.score < 0 || in.score > 10) {
    return core::Err(core::InvalidArgument("score: must be a whole number from 0 to 10"));
  }
  if (in.comment.size() > 10000) {
    return core::Err(core::InvalidArgument("comment: is longer than 10,000 characters"));
  }
  if (!in.external_id.empty()) {
    std::optional<storage::FeedbackRecord> known;
    auto s = store.ScanFeedback({.external_id = in.external_id},
                                [&](const storage::FeedbackRecord& f) { known = f; });
    if (!s.ok()) return core::Err(s);
    if (known) return FeedbackOutcome{*known, std::nullopt, true};
  }
  auto exists = store.CustomerExists(in.customer_id);
  if (!exists) return core::Err(exists.error());
  if (!*exists) {
    return core::Err(core::NotFound("customer_id: unknown customer '" + in.customer_id + "'"));
  }
  storage::FeedbackRecord f;
  f.customer_id = in.customer_id;
  f.order_id = in.order_id;
  f.external_id = in.external_id;
  f.score = in.score;
  f.comment = in.comment;
  f.sales_channel = in.sales_channel;
  f.store = in.store;
  f.via = in.via.empty() ? "api" : in.via;
  f.day = in.day.value_or(today);
  f.answered_at = in.day ? core::FormatDay(*in.day) + "T12:00:00Z" : now;
  if (!f.order_id.empty()) {
    if (auto s = FillFromOrder(store, f.customer_id, f.order_id, f); !s.ok()) return core::Err(s);
  }
  return Save(store, std::move(f), settings, now);
}

core::Result<Survey> OpenSurvey(storage::Store& store, std::string_view token, core::Day today) {
  auto key = LinkKey(store);
  if (!key) return core::Err(key.error());
  auto claims = VerifyLink(*key, "f", token, today);
  if (!claims) return core::Err(claims.error());
  Survey s;
  s.customer_id = claims->customer_id;
  s.channel = claims->channel;
  s.language = claims->language == "en" ? "en" : "de";
  s.request_id = claims->contact_id;
  s.expires = claims->expires;
  auto request = FindRequest(store, s.customer_id, s.request_id);
  if (!request) return core::Err(request.error());
  if (!*request) return core::Err(core::NotFound("the survey's customer is no longer known"));
  s.order_id = OrderOf((*request)->reference);
  auto scanned = store.ScanFeedback({.request_id = s.request_id},
                                    [&](const storage::FeedbackRecord& f) { s.answer = f; });
  if (!scanned.ok()) return core::Err(scanned);
  return s;
}

core::Result<FeedbackOutcome> AnswerSurvey(storage::Store& store, std::string_view token, int score,
                                           const std::string& comment,
                                           const ListeningSettings& settings, core::Day today,
                                           const std::string& now) {
  auto survey = OpenSurvey(store, token, today);
  if (!survey) return core::Err(survey.error());
  return AnswerSurvey(store, *survey, score, comment, settings, today, now);
}

core::Result<FeedbackOutcome> AnswerSurvey(storage::Store& store, const Survey& survey, int score,
                                           const std::string& comment,
                                           const ListeningSettings& settings, core::Day today,
                                           const std::string& now) {
  if (survey.answer) return core::Err(core::AlreadyExists("this survey was answered already"));
  if (score < 0 || score > 10) {
    return core::Err(core::InvalidArgument("score: must be a whole number from 0 to 10"));
  }
  storage::FeedbackRecord f;
  f.customer_id = survey.customer_id;
  f.order_id = survey.order_id;
  f.request_id = survey.request_id;
  f.score = score;
  f.comment = comment.substr(0, core::Utf8Floor(comment, 10000));
  f.via = survey.channel.empty() ? "email" : survey.channel;
  f.day = today;
  f.answered_at = now;
  if (!f.order_id.empty()) {
    // An order deleted since keeps the answer (without its channel and store).
    if (auto s = FillFromOrder(store, f.customer_id, f.order_id, f);
        !s.ok() && s.code() != core::Code::kNotFound) {
      return core::Err(s);
    }
  }
  return Save(store, std::move(f), settings, now);
}

core::Result<SurveyLink> MakeSurveyLink(storage::Store& store, const SurveyLinkRequest& r,
                                        core::Day today, const std::string& now) {
  if (r.customer_id.empty()) return core::Err(core::InvalidArgument("customer_id: is required"));
  if (r.channel != "email" && r.channel != "sms" && r.channel != "letter" && r.channel != "phone") {
    return core::Err(core::InvalidArgument("channel: must be email, sms, letter or phone"));
  }
  if (!r.language.empty() && r.language != "de" && r.language != "en") {
    return core::Err(core::InvalidArgument("language: must be de or en"));
  }
  auto customer = store.FindCustomer(r.customer_id);
  if (!customer) return core::Err(customer.error());
  if (!*customer) {
    return core::Err(core::NotFound("customer_id: unknown customer '" + r.customer_id + "'"));
  }
  if (!r.order_id.empty()) {
    storage::FeedbackRecord probe;
    if (auto s = FillFromOrder(store, r.customer_id, r.order_id, probe); !s.ok()) {
      return core::Err(s);
    }
  }
  storage::InteractionRecord request;
  request.customer_id = r.customer_id;
  request.day = today;
  request.kind = "feedback_request";
  request.channel = r.channel;
  request.reference =
      r.order_id.empty() ? "survey:" + core::FormatDay(today) : "order:" + r.order_id;
  request.detail = R"({"made_by":"link"})";
  request.status = "done";
  request.created_at = now;
  if (auto s = store.SaveInteraction(request); !s.ok() && s.code() != core::Code::kAlreadyExists) {
    return core::Err(s);
  }
  auto today_contacts = store.CustomerInteractions(r.customer_id);
  if (!today_contacts) return core::Err(today_contacts.error());
  const auto it = std::find_if(
      today_contacts->begin(), today_contacts->end(), [&](const storage::InteractionRecord& c) {
        return c.day == today && c.kind == request.kind && c.reference == request.reference;
      });
  if (it == today_contacts->end()) return core::Err(core::Internal("the request was not recorded"));
  auto key = LinkKey(store);
  if (!key) return core::Err(key.error());
  std::string language = r.language;
  if (language.empty()) language = (*customer)->language.starts_with("en") ? "en" : "de";
  SurveyLink link;
  link.request_id = it->id;
  link.expires = today + r.valid_days;
  link.token = SignLink(*key, {.purpose = "f",
                               .customer_id = r.customer_id,
                               .channel = r.channel,
                               .language = language,
                               .contact_id = it->id,
                               .expires = link.expires});
  std::string base = r.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  link.url = base + "/f/" + link.token;
  return link;
}

}  // namespace retain::app
