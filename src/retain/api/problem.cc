#include "retain/api/problem.h"

namespace retain::api {

Problem ProblemFor(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kInvalidArgument:
      return {400, "invalid-request", "The request is not valid", s.message(), {}};
    case core::Code::kNotFound:
      return {404, "not-found", "Not found", s.message(), {}};
    case core::Code::kAlreadyExists:
      return {409, "conflict", "Conflict with existing data", s.message(), {}};
    case core::Code::kFailedPrecondition:
      return {409, "wrong-state", "Not possible in the current state", s.message(), {}};
    default:
      return {500,
              "internal",
              "Internal error",
              "the server could not complete the request; the server log has the cause",
              {}};
  }
}

Problem InvalidField(const std::string& field, const std::string& message) {
  return {
      400, "validation", "The request is not valid", field + ": " + message, {{field, message}}};
}

Problem Unauthorized(const std::string& detail) {
  return {401, "unauthorized", "Authentication required", detail, {}};
}

Problem Forbidden(const std::string& detail) {
  return {403, "forbidden", "Not allowed for this API key", detail, {}};
}

Problem RouteNotFound(const std::string& path) {
  return {404, "not-found", "Not found", "no route for " + path + " (see /api/openapi.json)", {}};
}

Problem MethodNotAllowed(const std::string& method, const std::string& path) {
  return {405,
          "method-not-allowed",
          "Method not allowed",
          method + " is not supported on " + path + " (see the Allow header)",
          {}};
}

Problem PayloadTooLarge(size_t limit, const std::string& setting) {
  return {413,
          "payload-too-large",
          "Request body too large",
          "the body is larger than the " + std::to_string(limit) + " bytes the server accepts (" +
              setting + " in the configuration)",
          {}};
}

nlohmann::ordered_json ProblemJson(const Problem& p) {
  nlohmann::ordered_json j = {{"type", "/problems/" + p.slug},
                              {"title", p.title},
                              {"status", p.status},
                              {"detail", p.detail}};
  if (!p.fields.empty()) {
    auto& fields = j["errors"] = nlohmann::ordered_json::array();
    for (const auto& f : p.fields) fields.push_back({{"field", f.field}, {"message", f.message}});
  }
  return j;
}

}  // namespace retain::api
