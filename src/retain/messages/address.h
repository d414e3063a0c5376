// A minimal check of an email address before it goes into a header or an
// SMTP envelope.
#pragma once

#include <string_view>

#include "retain/core/status.h"

namespace retain::messages {

// Ok when `address` ("anna@example.com") has exactly one '@' with text on
// both sides and no white space, control character, '<', '>', ',', ';' or
// non-ASCII byte (a domain with umlauts must be given in its ASCII "xn--"
// form). Otherwise kInvalidArgument naming `field` ("to.address").
core::Status CheckAddress(std::string_view field, std::string_view address);

}  // namespace retain::messages
