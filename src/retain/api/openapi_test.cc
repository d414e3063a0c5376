// The OpenAPI document describes exactly the routes the server registers.
#include "retain/api/openapi.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "retain/api/server.h"

namespace retain::api {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

void CollectRefs(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "$ref" && it.value().is_string()) out.push_back(it.value());
      CollectRefs(it.value(), out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) CollectRefs(v, out);
  }
}

TEST(OpenApi, DocumentMatchesTheRegisteredRoutes) {
  const json doc = json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  Router router;
  Metrics metrics;
  AddAllRoutes(router, metrics);
  std::set<std::pair<std::string, std::string>> registered, documented;
  for (const auto& r : router.routes()) registered.insert({Lower(r.method), r.pattern});
  for (auto p = doc["paths"].begin(); p != doc["paths"].end(); ++p) {
    for (auto m = p.value().begin(); m != p.value().end(); ++m)
      documented.insert({m.key(), p.key()});
  }
  for (const auto& r : registered) {
    EXPECT_TRUE(documented.count(r)) << r.first << " " << r.second << " is not documented";
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(registered.count(d))
        << d.first << " " << d.second << " is documented but not served";
  }
}

TEST(OpenApi, EveryOperationIsComplete) {
  const json doc = json::parse(OpenApiDocument());
  Router router;
  Metrics metrics;
  AddAllRoutes(router, metrics);
  std::set<std::string> ids;
  for (const auto& r : router.routes()) {
    const json& op = doc["paths"][r.pattern][Lower(r.method)];
    SCOPED_TRACE(r.method + " " + r.pattern);
    ASSERT_TRUE(op.is_object());
    EXPECT_TRUE(op["summary"].is_string());
    EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << "operationId twice";
    // Every path parameter is declared.
    for (const auto& seg : r.segments) {
      if (seg.front() != '{') continue;
      const std::string name = seg.substr(1, seg.size() - 2);
      bool declared = false;
      for (const auto& p : op.value("parameters", json::array())) {
        declared |= p["in"] == "path" && p["name"] == name && p["required"] == true;
      }
      EXPECT_TRUE(declared) << "path parameter " << name;
    }
    // Routes behind a key document 401 and 403; public ones opt out of security.
    if (r.access.is_public) {
      EXPECT_EQ(op["security"], json::array());
    } else {
      EXPECT_TRUE(op["responses"].contains("401"));
      EXPECT_TRUE(op["responses"].contains("403"));
    }
  }
}

TEST(OpenApi, EveryReferenceResolves) {
  const json doc = json::parse(OpenApiDocument());
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  ASSERT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << ref << " does not resolve";
  }
}

}  // namespace
}  // namespace retain::api
