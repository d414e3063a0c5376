#include "retain/messages/address.h"

#include <algorithm>
#include <string>

namespace retain::messages {

core::Status CheckAddress(std::string_view field, std::string_view address) {
  auto bad = [&](std::string_view why) {
    return core::InvalidArgument(std::string(field) + ": \"" + std::string(address) + "\" " +
                                 std::string(why));
  };
  if (address.empty()) return core::InvalidArgument(std::string(field) + ": no address given");
  if (address.find_first_of("\r\n") != std::string_view::npos) {
    return core::InvalidArgument(std::string(field) + " contains a line break");
  }
  const size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return bad("must contain exactly one @");
  }
  if (at == 0 || at + 1 == address.size()) return bad("needs a name before and a domain after @");
  const bool odd = std::any_of(address.begin(), address.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == ',' || c == ';';
  });
  if (odd) return bad("contains a space or a character not allowed in an address");
  return core::Status::Ok();
}

}  // namespace retain::messages
