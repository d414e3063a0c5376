// The shared edge of the listening routes (feedback, tasks, conversations):
// writes whose errors name the field they are about, and page sizes.
#pragma once

#include <expected>
#include <optional>
#include <string>

#include "retain/api/call.h"

namespace retain::api {

// Runs `job` like IdempotentWrite (honouring an Idempotency-Key), but a use
// case's error whose message starts with "field: " becomes a problem naming
// that field (400 for kInvalidArgument, 404 for kNotFound, ...).
Reply WriteNamingField(Call& call, app::WriteBatcher::Job job);

// The ?limit= of a listing: 100 unless given, at most the server's page
// limit; a 400 problem naming "limit" when it is not a number in range.
std::expected<int, Reply> PageLimit(Call& call);

// A path parameter that must be a positive id: nullopt when it is not one
// (the caller answers 404 for it, as for an unknown id).
std::optional<int64_t> IdParam(const Call& call, const std::string& name);

}  // namespace retain::api
