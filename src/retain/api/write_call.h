// Writes through the API: the shared write path of PUT and POST handlers.
#pragma once

#include "retain/api/call.h"

namespace retain::api {

// Runs `job` through the server's write batcher, honouring an
// Idempotency-Key header (scoped to the calling API key): a repeated request
// gets the first answer with "Idempotent-Replayed: true", a different
// request with the same key 409.
Reply IdempotentWrite(Call& call, app::WriteBatcher::Job job);

}  // namespace retain::api
