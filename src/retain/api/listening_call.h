// The shared edge of the listening routes (feedback, tasks, conversations):
// writes whose errors name the field they are about, and page sizes.
#pragma once

#include <nlohmann/json.hpp>

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "retain/api/call.h"

namespace retain::api {

// Runs `job` like IdempotentWrite (honouring an Idempotency-Key), but a use
// case's error whose message starts with "field: " becomes a problem naming
// that field (400 for kInvalidArgument, 404 for kNotFound, ...).
Reply WriteNamingField(Call& call, app::WriteBatcher::Job job);

// The ?limit= of a listing: 100 unless given, at most the server's page
// limit; a 400 problem naming "limit" when it is not a number in range.
std::expected<int, Reply> PageLimit(Call& call);

// The body of a listing read with limit + 1 rows: {"items": [to_json(row)
// for the first `limit`], "next_after_id": the last one's id when there were
// more}.
template <class Row, class ToJson>
nlohmann::ordered_json KeysetPage(std::vector<Row> rows, int limit, ToJson to_json) {
  const bool more = rows.size() > static_cast<size_t>(limit);
  if (more) rows.resize(static_cast<size_t>(limit));
  auto items = nlohmann::ordered_json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  nlohmann::ordered_json body{{"items", std::move(items)}};
  if (more) body["next_after_id"] = rows.back().id;
  return body;
}

// A path parameter that must be a positive id: nullopt when it is not one
// (the caller answers 404 for it, as for an unknown id).
std::optional<int64_t> IdParam(const Call& call, const std::string& name);

}  // namespace retain::api
