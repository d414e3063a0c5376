// Small text helpers both backends' SQL needs.
#pragma once

#include <string>

namespace retain::storage {

// `text` as a LIKE pattern (ESCAPE '\') matching it anywhere, with %, _ and
// the backslash taken literally.
std::string ContainsPattern(const std::string& text);

// 32 random hex digits: the id a new database is given.
std::string RandomDatabaseId();

}  // namespace retain::storage
