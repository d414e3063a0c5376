#include "retain/api/router.h"

namespace retain::api {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether a pattern segment is a {parameter}.
bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Whether `parts` (a path split at '/') fit the route's pattern.
bool Fits(const Route& r, const std::vector<std::string_view>& parts) {
  if (r.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = r.segments[i];
    if (IsParam(seg) ? parts[i].empty() : seg != parts[i]) return false;
  }
  return true;
}

// Undoes %XX escapes (and '+' for a space in a query when `plus_is_space`);
// a '%' not followed by two hex digits stays as it is.
std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(plus_is_space && s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

}  // namespace

bool Access::Allows(app::Role r) const {
  switch (r) {
    case app::Role::kAdmin:
      return admin;
    case app::Role::kShop:
      return shop;
    default:
      return analyst;
  }
}

std::string DecodePathSegment(std::string_view s) { return PercentDecode(s, false); }

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    out.emplace_back(PercentDecode(item.substr(0, eq), true),
                     eq == std::string_view::npos ? "" : PercentDecode(item.substr(eq + 1), true));
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  Route r{std::move(method), std::move(pattern), access, std::move(handler), {}};
  for (auto seg : Split(r.pattern)) r.segments.emplace_back(seg);
  routes_.push_back(std::move(r));
}

void Router::AddQuick(std::string method, std::string pattern, Access access, Handler handler) {
  Add(std::move(method), std::move(pattern), access, std::move(handler));
  routes_.back().quick = true;
}

void Router::AddQuickWrite(std::string method, std::string pattern, Access access,
                           Handler handler) {
  AddQuick(std::move(method), std::move(pattern), access, std::move(handler));
  routes_.back().needs_view = false;
}

void Router::AddStatic(std::string method, std::string pattern, Handler handler) {
  AddQuick(std::move(method), std::move(pattern), Access::Public(), std::move(handler));
  routes_.back().needs_view = false;
}

void Router::AddUpload(std::string method, std::string pattern, Access access, Handler handler) {
  Add(std::move(method), std::move(pattern), access, std::move(handler));
  routes_.back().streams_body = true;
}

const Route* Router::Lookup(std::string_view method, std::string_view path) const {
  if (path.empty() || path[0] != '/') return nullptr;
  const auto parts = Split(path);
  for (const auto& r : routes_) {
    if (r.method == method && Fits(r, parts)) return &r;
  }
  return nullptr;
}

Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  if (path.empty() || path[0] != '/') return m;
  const auto parts = Split(path);
  for (const auto& r : routes_) {
    if (!Fits(r, parts)) continue;
    if (r.method != method) {
      m.allowed_methods.push_back(r.method);
      continue;
    }
    m.route = &r;
    for (size_t i = 0; i < parts.size(); ++i) {
      const auto& seg = r.segments[i];
      if (IsParam(seg)) {
        m.params[seg.substr(1, seg.size() - 2)] = DecodePathSegment(parts[i]);
      }
    }
    return m;
  }
  return m;
}

}  // namespace retain::api
