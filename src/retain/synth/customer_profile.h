// Who a synthetic customer is: name, address, contact data, birthday,
// language, consents and how they found the shop.
#pragma once

#include <string>
#include <string_view>

#include "retain/core/date.h"
#include "retain/model/customer.h"
#include "retain/synth/places.h"
#include "retain/synth/random.h"

namespace retain::synth {

// Draws the personal data of one customer into `out` (reusing its storage).
// `acquired` is the day of the first purchase (birthdays are drawn so the
// customer was 18-85 then); `b2b_share` the probability of a company account.
// Leaves external_id, tags and created for the caller. `place` receives the
// customer's Places() entry.
void DrawPerson(Rng& rng, core::Day acquired, double b2b_share, model::Customer* out,
                const Place** place);

// Appends the ASCII e-mail form of a name: lower case, umlauts as "ae", "oe",
// "ue", "ß" as "ss", other accents dropped, spaces removed, hyphens kept.
void AppendEmailName(std::string& out, std::string_view name);

}  // namespace retain::synth
