// Problem: the one error shape of the HTTP API (RFC 9457, application/problem+json).
//
// Every error a client can see is a Problem: a type URI, a title, the HTTP
// status, a detail a person can act on and, for validation errors, the
// offending fields. Internal failures say only that something failed; their
// message goes to the log, never to the client (no SQL, no stack traces).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "retain/core/status.h"

namespace retain::api {

struct FieldError {
  std::string field;  // JSON pointer-like path: "lines[2].quantity", or a query parameter
  std::string message;
};

struct Problem {
  int status = 500;
  std::string slug;  // the type: "/problems/<slug>"
  std::string title;
  std::string detail;
  std::vector<FieldError> fields;
};

// The problem for a failed use case: kInvalidArgument 400, kNotFound 404,
// kAlreadyExists and kFailedPrecondition 409, anything else 500 (detail hidden).
Problem ProblemFor(const core::Status& s);

// A 400 validation problem naming one field.
Problem InvalidField(const std::string& field, const std::string& message);

// Problems the edge itself raises.
Problem Unauthorized(const std::string& detail);                               // 401
Problem Forbidden(const std::string& detail);                                  // 403
Problem RouteNotFound(const std::string& path);                                // 404
Problem MethodNotAllowed(const std::string& method, const std::string& path);  // 405
// 413: the body is longer than `limit` bytes (the `setting` that sets it).
Problem PayloadTooLarge(size_t limit, const std::string& setting);

// The problem+json body.
nlohmann::ordered_json ProblemJson(const Problem& p);

}  // namespace retain::api
