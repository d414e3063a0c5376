// The OpenAPI 3.1 document of the API (docs/openapi.json, built into the program).
#pragma once

#include <string_view>

namespace retain::api {

// The document's text, as served at GET /api/openapi.json.
std::string_view OpenApiDocument();

}  // namespace retain::api
