// The notice every advertising email sent under the existing-customer
// privilege must carry (UWG §7(3) Nr. 4): the customer may object to the
// use of the address for advertising at any time, at no cost beyond the
// transmission costs at the basic rates.
//
//   data["objection_notice"] = planned.objection_notice ? ObjectionNotice(variant) : "";
#pragma once

#include <string>
#include <string_view>

namespace retain::messages {

// The notice in the language variant: "de-sie" (formal German), "de-du"
// (informal German), any other English. One paragraph, no line break.
std::string ObjectionNotice(std::string_view variant);

}  // namespace retain::messages
