#include "retain/api/loyalty_call.h"

#include "retain/api/write_call.h"

#include <cctype>

namespace retain::api {

Reply FailLoyalty(const core::Status& s) {
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

// The reply to a loyalty write's answer.
Reply LoyaltyReply(core::Result<app::WriteAnswer> answer) {
  if (!answer) return FailLoyalty(answer.error());
  return WriteReply(std::move(*answer));
}

Reply LoyaltyWrite(Call& call, LoyaltyJob job) {
  // The reply comes when the write's group is committed; no thread waits for it.
  Reply r;
  r.later = [club = call.services().loyalty, writes = &call.services().writes,
             job = std::move(job)](std::function<void(Reply)> done) mutable {
    writes->SubmitAsync(
        [club, job = std::move(job)](storage::Store& s) -> core::Result<app::WriteAnswer> {
          auto a = job(*club, s, core::UtcNowIso());
          if (!a) return core::Err(a.error());
          return app::WriteAnswer{a->created ? 201 : 200, a->json.dump(), a->replayed};
        },
        [done = std::move(done)](core::Result<app::WriteAnswer> answer) {
          done(LoyaltyReply(std::move(answer)));
        });
  };
  return r;
}

std::string VoucherCode(const std::string& typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ') continue;
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return code;
}

}  // namespace retain::api
