// Text for the few HTML pages the server shows customers (unsubscribe,
// survey).
#pragma once

#include <string>
#include <string_view>

namespace retain::api {

// `s` with < > & " ' written as entities: safe in element text and in
// quoted attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace retain::api
