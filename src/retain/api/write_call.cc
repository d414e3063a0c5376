#include "retain/api/write_call.h"

#include "retain/app/fingerprint.h"

namespace retain::api {

Reply IdempotentWrite(Call& call, app::WriteBatcher::Job job) {
  app::IdempotencyKey key;
  key.key = call.Header("Idempotency-Key");
  if (key.key.size() > 255) {
    return Fail(InvalidField("Idempotency-Key", "must be at most 255 characters"));
  }
  if (!key.key.empty()) {
    key.scope = call.key() ? call.key()->id : "";
    key.fingerprint = app::Fingerprint(call.Method() + "\n" + call.Path() + "\n" + call.Body());
  }
  auto answer = call.services().writes.SubmitOnce(key, std::move(job));
  if (!answer) return Fail(answer.error());
  return WriteReply(std::move(*answer));
}

Reply WriteReply(app::WriteAnswer answer) {
  Reply r = JsonText(std::move(answer.body), answer.outcome);
  if (answer.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace retain::api
