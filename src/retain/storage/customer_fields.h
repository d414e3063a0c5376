// How customer fields that have no column type of their own are stored as
// text, the same in every backend.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "retain/model/customer.h"

namespace retain::storage {

// Tags as "a|b|c"; "" for none.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(std::string_view s);

// A consent state from its stored name; anything else is unknown.
model::ConsentState ConsentFrom(std::string_view s);

// Attributes as a JSON object; "" for none.
std::string AttributesJson(const std::map<std::string, std::string>& attributes);
// The attributes of a stored JSON object (non-string values as JSON text).
std::map<std::string, std::string> ParseAttributes(std::string_view json);

}  // namespace retain::storage
