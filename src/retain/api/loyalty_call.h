// The shared edge of the /api/v1/loyalty routes: running a Kunden-Club write
// through the server's write batcher and mapping its answer and errors.
#pragma once

#include <functional>
#include <string>

#include "retain/api/call.h"
#include "retain/app/loyalty_club.h"

namespace retain::api {

using LoyaltyJob = std::function<core::Result<app::LoyaltyAnswer>(
    const app::LoyaltyClub&, storage::Store&, const std::string& now)>;

// Runs `job` in the next write group: 201 when it recorded something new,
// 200 otherwise; a replayed answer carries "Idempotent-Replayed: true".
// Errors whose message starts with "field: " name that field in the problem.
Reply LoyaltyWrite(Call& call, LoyaltyJob job);

// A voucher code as typed (any case, spaces) in the stored form.
std::string VoucherCode(const std::string& typed);

// The routes that only read (members, history, vouchers, simulate, liability).
void AddLoyaltyReadRoutes(Router& router);

}  // namespace retain::api
