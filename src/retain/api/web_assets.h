// The dashboard's static files (web/static and the chart library from npm),
// built into the binary so that `retain serve` needs nothing beside it.
#pragma once

#include <span>
#include <string_view>

namespace retain::api {

struct WebAsset {
  std::string_view name;          // served as /ui/<name> ("app.js"); index.html also as /
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted hash of the content
  std::string_view content;
};

// Every built-in file, sorted by name.
std::span<const WebAsset> WebAssets();

}  // namespace retain::api
