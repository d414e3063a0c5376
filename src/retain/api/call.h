// Call: one API request as a handler sees it.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retain/api/http_server.h"
#include "retain/api/problem.h"
#include "retain/api/router.h"
#include "retain/api/services.h"

namespace retain::api {

// Reads a request body once, handing each piece to `sink` (false = stop).
using BodyReader = std::function<BodyEnd(const BodySink& sink)>;

class Call {
 public:
  // `method` is the route's ("GET" for a HEAD request); `path` and `query`
  // are the two parts of the request target, still percent-encoded;
  // `params` are the route's path parameters, decoded.
  Call(HttpRequest& request, std::string_view method, std::string_view path, std::string_view query,
       std::map<std::string, std::string> params, Services& services)
      : request_(request),
        method_(method),
        path_(path),
        query_text_(query),
        params_(std::move(params)),
        services_(services) {}
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;
  ~Call();

  // A path parameter by name ("" if the route has none of that name).
  const std::string& Param(const std::string& name) const;
  // A query parameter, decoded (the first when it is given more than once), or nullopt.
  std::optional<std::string> Query(const std::string& name) const;
  // A request header, or "".
  std::string Header(const std::string& name) const;
  // The request body (routes that do not stream their body).
  const std::string& Body() const { return body_; }
  // Streams the body of an upload route (Route::streams_body) to `sink`;
  // callable once.
  BodyEnd ReadBody(const BodySink& sink);
  // Used by the server: the body read before the handler, or the reader of a streamed one.
  void SetBody(std::string body) { body_ = std::move(body); }
  void SetBodyReader(BodyReader reader) { reader_ = std::move(reader); }
  const std::string& Method() const { return method_; }
  const std::string& Path() const { return path_; }

  // The body parsed as a JSON object; a 400 problem with the byte position
  // when it is not JSON or not an object.
  core::Result<nlohmann::json> JsonObject() const;

  // The API key that called (nullptr on public routes and before authentication).
  const storage::ApiKeyRecord* key() const { return key_ ? &*key_ : nullptr; }
  // Records the verified key of the call; returns it.
  const storage::ApiKeyRecord& SetKey(storage::ApiKeyRecord key) {
    return key_.emplace(std::move(key));
  }
  Services& services() { return services_; }

  // A read connection for this request (taken from the pool on first use).
  // For GET requests everything read through it comes from one read
  // transaction: one consistent state of the database.
  core::Result<storage::Store*> Store();

 private:
  HttpRequest& request_;
  std::string method_;
  std::string path_;
  std::string_view query_text_;
  mutable std::optional<std::vector<std::pair<std::string, std::string>>>
      query_;  // parsed on first use
  std::map<std::string, std::string> params_;
  std::optional<storage::ApiKeyRecord> key_;
  Services& services_;
  std::optional<StorePool::Lease> lease_;
  bool reading_ = false;  // a read transaction is open on lease_
  std::string body_;
  BodyReader reader_;
};

// A JSON reply (200 unless given).
Reply Json(nlohmann::ordered_json body, int status = 200);
// A reply of JSON text written elsewhere (200 unless given).
Reply JsonText(std::string text, int status = 200);
// A problem+json reply. For internal failures the reply's `cause` keeps the
// message for the server log; the client sees only that something failed.
Reply Fail(const Problem& p);
// The problem reply for a failed use case.
Reply Fail(const core::Status& s);

// A 400 validation problem for `field`, with the status's message.
Reply FailField(const std::string& field, const core::Status& s);
// The problem reply for a use case's error whose message starts with the
// field it is about ("points: only 200 available"): the problem names it.
Reply FailNamingField(const core::Status& s);

// Parses an optional integer query parameter within [min, max] (error: what is wrong, for
// FailField).
core::Result<std::optional<int64_t>> IntQuery(const Call& call, const std::string& name,
                                              int64_t min, int64_t max);
// Parses an optional number query parameter within [min, max].
core::Result<std::optional<double>> DoubleQuery(const Call& call, const std::string& name,
                                                double min, double max);
// Parses an optional boolean query parameter ("true"/"false", "1"/"0").
core::Result<std::optional<bool>> BoolQuery(const Call& call, const std::string& name);
// Parses an optional date query parameter (YYYY-MM-DD and the other forms of core::ParseDate).
core::Result<std::optional<core::Day>> DayQuery(const Call& call, const std::string& name);

}  // namespace retain::api
