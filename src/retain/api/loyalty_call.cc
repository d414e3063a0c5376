#include "retain/api/loyalty_call.h"

#include "retain/api/write_call.h"

#include <cctype>

namespace retain::api {

// The reply to a loyalty write's answer.
Reply LoyaltyReply(core::Result<app::WriteAnswer> answer) {
  if (!answer) return FailNamingField(answer.error());
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
