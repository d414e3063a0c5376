#include "retain/api/listening_call.h"

#include <algorithm>
#include <charconv>
#include <memory>

#include "retain/api/write_call.h"

namespace retain::api {

Reply WriteNamingField(Call& call, app::WriteBatcher::Job job) {
  // The batcher answers a job's error as it is; keep it to name its field.
  auto failure = std::make_shared<std::optional<core::Status>>();
  Reply r = IdempotentWrite(call, [job = std::move(job), failure](storage::Store& s) {
    auto answer = job(s);
    if (!answer) *failure = answer.error();
    return answer;
  });
  if (*failure && r.status == ProblemFor(**failure).status) return FailNamingField(**failure);
  return r;
}

std::expected<int, Reply> PageLimit(Call& call) {
  auto limit = IntQuery(call, "limit", 1, static_cast<int64_t>(call.services().max_page));
  if (!limit) return std::unexpected(FailField("limit", limit.error()));
  return static_cast<int>(limit->value_or(std::min<int64_t>(100, call.services().max_page)));
}

std::optional<int64_t> IdParam(const Call& call, const std::string& name) {
  const std::string& text = call.Param(name);
  int64_t id = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, id);
  if (text.empty() || ec != std::errc() || p != end || id <= 0) return std::nullopt;
  return id;
}

}  // namespace retain::api
