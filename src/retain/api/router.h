// Router: the API's route table and path matching.
//
// A route is a method, a path pattern with {parameters} ("/api/v1/customers/{id}"),
// the roles allowed to call it and a handler. The table is the single source
// the server dispatches from and the OpenAPI test checks against.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retain/api/problem.h"
#include "retain/app/api_keys.h"

namespace retain::api {

class Call;

// What a handler answers: a status and a JSON body (or raw text).
struct Reply {
  int status = 200;
  nlohmann::ordered_json body;  // sent as JSON unless `text` is set
  std::string text;
  std::string content_type;  // for `text` or `file`
  std::string file;          // a file to send as the body (streamed), instead of `text`
  std::vector<std::pair<std::string, std::string>> headers;
  std::string cause;  // why an internal failure happened: logged, never sent
  // A reply that comes later (see HttpReply::later): called once with the
  // function that takes the reply, from any thread.
  std::function<void(std::function<void(Reply)>)> later;
};

// Who may call a route: a set of roles. Public routes need no key.
struct Access {
  bool is_public = false;
  bool analyst = false, shop = false, admin = true;
  bool Allows(app::Role r) const;
  static Access Public() { return {true, true, true, true}; }
  static Access Read() { return {false, true, false, true}; }       // analyst, admin
  static Access ShopWrite() { return {false, false, true, true}; }  // shop, admin
  static Access ReadOrShop() { return {false, true, true, true}; }  // everybody with a key
  static Access AdminOnly() { return {false, false, false, true}; }
};

using Handler = std::function<Reply(Call&)>;

struct Route {
  std::string method;   // "GET", "POST", "PUT", "DELETE"
  std::string pattern;  // "/api/v1/customers/{id}"
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // pattern split at '/'
  // The handler reads the body itself (Call::ReadBody), up to the server's
  // max_import_bytes, after the key was checked; otherwise the body is read
  // before the handler runs, up to max_body_bytes (Call::Body).
  bool streams_body = false;
  // Answered on the network thread that read it (HttpOptions::is_quick):
  // only for work that is bounded and never waits on other requests.
  bool quick = false;
  // A quick route that reads the analytics view is quick only once the
  // view exists (its first build is slow).
  bool needs_view = true;
};

// The result of matching a path.
struct Match {
  const Route* route = nullptr;  // nullptr: no route for this method and path
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // when the path matched other methods only
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler);
  // Adds a quick route (Route::quick).
  void AddQuick(std::string method, std::string pattern, Access access, Handler handler);
  // Adds a quick route that hands its write to the write batcher without
  // waiting for it (Reply::later) and does not read the analytics view.
  void AddQuickWrite(std::string method, std::string pattern, Access access, Handler handler);
  // Adds a quick route that serves a static file (reads neither the
  // database nor the analytics view).
  void AddStatic(std::string method, std::string pattern, Handler handler);
  // Adds a route whose handler streams a large body (an upload) itself.
  void AddUpload(std::string method, std::string pattern, Access access, Handler handler);
  // Finds the route for method and (undecoded) path; parameters are percent-decoded.
  Match Find(std::string_view method, std::string_view path) const;
  // Only the route for method and path (nullptr: none), without its parameters.
  const Route* Lookup(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Percent-decodes one path segment ("C%2F1" -> "C/1"); '+' stays '+'.
std::string DecodePathSegment(std::string_view s);
// Splits a query string ("a=1&b=x+y", without '?') into decoded names and
// values in their order ("+" is a space); a name without '=' has value "".
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace retain::api
