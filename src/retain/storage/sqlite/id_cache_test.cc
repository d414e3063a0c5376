#include "retain/storage/sqlite/id_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace retain::storage::sqlite {
namespace {

TEST(IdCache, AgreesWithAStandardMapThroughGrowth) {
  IdCache cache;
  std::unordered_map<std::string, int64_t> ref;
  for (int i = 0; i < 50000; ++i) {
    const std::string key = "C" + std::to_string(i * 7919 % 100003);
    cache.Put(key, i);
    ref[key] = i;
  }
  EXPECT_EQ(cache.size(), ref.size());
  for (const auto& [k, v] : ref) EXPECT_EQ(cache.Find(k), v);
  EXPECT_FALSE(cache.Find("nope").has_value());
  EXPECT_FALSE(cache.Find("").has_value());
  cache.Put("", 5);
  EXPECT_EQ(cache.Find(""), 5);
  cache.Clear();
  EXPECT_FALSE(cache.Find("C0").has_value());
}

}  // namespace
}  // namespace retain::storage::sqlite
