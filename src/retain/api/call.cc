#include "retain/api/call.h"

#include <cctype>

#include <fmt/format.h>

#include <charconv>
#include <utility>

namespace retain::api {

const std::string& Call::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params_.find(name);
  return it == params_.end() ? kEmpty : it->second;
}

std::optional<std::string> Call::Query(const std::string& name) const {
  if (!query_) query_ = ParseQuery(query_text_);
  for (const auto& [k, v] : *query_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string Call::Header(const std::string& name) const {
  return std::string(request_.Header(name));
}

core::Result<nlohmann::json> Call::JsonObject() const {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(Body());
  } catch (const nlohmann::json::parse_error& e) {
    return core::Err(core::InvalidArgument("the body is not valid JSON (at byte " +
                                           std::to_string(e.byte) + ")"));
  }
  if (!j.is_object()) return core::Err(core::InvalidArgument("the body must be a JSON object"));
  return j;
}

BodyEnd Call::ReadBody(const BodySink& sink) {
  if (reader_) return std::exchange(reader_, nullptr)(sink);
  if (!body_.empty() && !sink(body_)) return BodyEnd::kStopped;
  return BodyEnd::kComplete;
}

Call::~Call() {
  if (reading_) (*lease_)->EndRead();
}

core::Result<storage::Store*> Call::Store() {
  if (!lease_) {
    auto lease = services_.stores.Acquire();
    if (!lease) return core::Err(lease.error());
    if (method_ == "GET") {
      if (auto s = (*lease)->BeginRead(); !s.ok()) return core::Err(s);
      reading_ = true;
    }
    lease_.emplace(std::move(*lease));
  }
  return &**lease_;
}

Reply Json(nlohmann::ordered_json body, int status) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Reply JsonText(std::string text, int status) {
  Reply r;
  r.status = status;
  r.text = std::move(text);
  r.content_type = "application/json";
  return r;
}

Reply Fail(const Problem& p) {
  Reply r;
  r.status = p.status;
  r.body = ProblemJson(p);
  r.content_type = "application/problem+json";
  return r;
}

Reply Fail(const core::Status& s) {
  Reply r = Fail(ProblemFor(s));
  if (r.status >= 500) r.cause = s.message();
  return r;
}

Reply FailField(const std::string& field, const core::Status& s) {
  std::string message = s.message();
  if (message.rfind(field + ": ", 0) == 0) message.erase(0, field.size() + 2);
  return Fail(InvalidField(field, message));
}

core::Result<std::optional<int64_t>> IntQuery(const Call& call, const std::string& name,
                                              int64_t min, int64_t max) {
  auto text = call.Query(name);
  if (!text) return std::optional<int64_t>();
  int64_t v = 0;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, v);
  if (ec != std::errc() || p != end || v < min || v > max) {
    return core::Err(core::InvalidArgument("must be a whole number from " + std::to_string(min) +
                                           " to " + std::to_string(max)));
  }
  return std::optional<int64_t>(v);
}

core::Result<std::optional<double>> DoubleQuery(const Call& call, const std::string& name,
                                                double min, double max) {
  auto text = call.Query(name);
  if (!text) return std::optional<double>();
  double v = 0;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, v);
  if (ec != std::errc() || p != end || !(v >= min && v <= max)) {
    return core::Err(core::InvalidArgument("must be a number from " + fmt::format("{}", min) +
                                           " to " + fmt::format("{}", max)));
  }
  return std::optional<double>(v);
}

core::Result<std::optional<bool>> BoolQuery(const Call& call, const std::string& name) {
  auto text = call.Query(name);
  if (!text) return std::optional<bool>();
  if (*text == "true" || *text == "1") return std::optional<bool>(true);
  if (*text == "false" || *text == "0") return std::optional<bool>(false);
  return core::Err(core::InvalidArgument("must be true or false"));
}

core::Result<std::optional<core::Day>> DayQuery(const Call& call, const std::string& name) {
  auto text = call.Query(name);
  if (!text) return std::optional<core::Day>();
  auto d = core::ParseDate(*text);
  if (!d) return core::Err(d.error());
  return std::optional<core::Day>(*d);
}

Reply FailNamingField(const core::Status& s) {
  if (s.code() == core::Code::kIo || s.code() == core::Code::kInternal) return Fail(s);
  const auto& m = s.message();
  size_t n = 0;
  while (n < m.size() && (std::islower(static_cast<unsigned char>(m[n])) || m[n] == '_')) ++n;
  if (n == 0 || m.compare(n, 2, ": ") != 0) return Fail(s);
  if (s.code() == core::Code::kInvalidArgument) return FailField(m.substr(0, n), s);
  Problem p = ProblemFor(s);
  p.fields.push_back({m.substr(0, n), m.substr(n + 2)});
  return Fail(p);
}

}  // namespace retain::api
