#include "retain/storage/sql_text.h"

#include <random>

namespace retain::storage {

std::string ContainsPattern(const std::string& text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + "%";
}

std::string RandomDatabaseId() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) s.push_back(hex[gen() % 16]);
  return s;
}

}  // namespace retain::storage
