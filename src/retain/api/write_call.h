// Writes through the API: the shared write path of PUT and POST handlers.
#pragma once

#include "retain/api/call.h"

namespace retain::api {

// Runs `job` through the server's write batcher, honouring an
// Idempotency-Key header (scoped to the calling API key): a repeated request
// gets the first answer with "Idempotent-Replayed: true", a different
// request with the same key 409.
Reply IdempotentWrite(Call& call, app::WriteBatcher::Job job);

// The reply to a committed write: its status and JSON body, and
// "Idempotent-Replayed: true" when it is the stored answer to a repeat.
Reply WriteReply(app::WriteAnswer answer);

}  // namespace retain::api
