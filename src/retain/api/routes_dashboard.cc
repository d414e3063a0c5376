// The web dashboard: GET / is its page, GET /ui/{file} its scripts, styles
// and the chart library. Static files, no key: everything they show comes
// from /api/v1 with the key the user types in, kept in the browser session.
#include <fstream>
#include <sstream>

#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/api/web_assets.h"

namespace retain::api {
namespace {

// The page may load its own scripts, styles and data only; charts set
// inline styles, so styles allow 'unsafe-inline' (scripts never do).
constexpr const char* kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

// Files served from the npm packages rather than web/static.
constexpr std::pair<std::string_view, std::string_view> kLibraries[] = {
    {"uPlot.iife.min.js", "node_modules/uplot/dist/uPlot.iife.min.js"},
    {"uPlot.min.css", "node_modules/uplot/dist/uPlot.min.css"}};

const WebAsset* BuiltIn(std::string_view name) {
  for (const auto& a : WebAssets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// A file name of web/static: letters, digits, '.', '-', '_'; no leading dot.
bool IsPlainName(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view TypeOf(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  return "text/plain; charset=utf-8";
}

// Reads the file `name` from the web folder `dir` (kNotFound when absent).
core::Result<std::string> FromFolder(const std::string& dir, std::string_view name) {
  std::string path = dir + "/static/" + std::string(name);
  for (const auto& [lib, file] : kLibraries) {
    if (lib == name) path = dir + "/" + std::string(file);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Err(core::NotFound("no file " + std::string(name) + " in the dashboard"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Reply Asset(Call& call, std::string_view name) {
  Reply r;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (!IsPlainName(name)) {
    return Fail(core::NotFound("no file " + std::string(name) + " in the dashboard"));
  }
  const std::string& dir = call.services().web_dir;
  if (!dir.empty()) {
    auto text = FromFolder(dir, name);
    if (!text) return Fail(text.error());
    r.text = std::move(*text);
    r.content_type = std::string(TypeOf(name));
    r.headers.emplace_back("Cache-Control", "no-store");
  } else {
    const WebAsset* a = BuiltIn(name);
    if (!a) return Fail(core::NotFound("no file " + std::string(name) + " in the dashboard"));
    // Always revalidated, answered 304 while unchanged: a new version of
    // retain shows its new files at the next load.
    r.headers.emplace_back("ETag", std::string(a->etag));
    r.headers.emplace_back("Cache-Control", "no-cache");
    if (call.Header("If-None-Match") == a->etag) {
      r.status = 304;
      return r;
    }
    r.text = std::string(a->content);
    r.content_type = std::string(a->content_type);
  }
  if (r.content_type.starts_with("text/html")) {
    r.headers.emplace_back("Content-Security-Policy", kPolicy);
  }
  return r;
}

}  // namespace

void AddDashboardRoutes(Router& router) {
  router.AddStatic("GET", "/", [](Call& call) { return Asset(call, "index.html"); });
  router.AddStatic("GET", "/ui/{file}", [](Call& call) { return Asset(call, call.Param("file")); });
}

}  // namespace retain::api
