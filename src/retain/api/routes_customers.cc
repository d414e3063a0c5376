// /api/v1/customers: list, search, read one (with everything retain knows), upsert;
// the dashboard's customer table (view=summary) and its CSV export (format=csv).
#include <charconv>

#include "retain/api/answer_cache.h"
#include "retain/api/current_data.h"
#include "retain/api/json_input.h"
#include "retain/api/routes.h"
#include "retain/api/write_call.h"
#include "retain/app/customer_list.h"
#include "retain/app/customer_profile.h"
#include "retain/app/gdpr.h"
#include "retain/app/segments.h"

namespace retain::api {
namespace {

constexpr int64_t kDefaultPage = 50;

// Cursors are "<kind><position>": c = after this internal id (plain listing),
// s = after this snapshot index (segment listing). Opaque to clients.
std::optional<int64_t> ParseCursor(const std::string& text, char kind) {
  if (text.size() < 2 || text[0] != kind) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

// A page of a listing: {"customers": [...], "next_cursor": ...}, written as
// the rows come.
class Page {
 public:
  Page() {
    out_.StartObject();
    out_.Key("customers");
    out_.StartArray();
  }
  void Add(const model::Customer& c, std::optional<core::Day> age_on) {
    app::WriteCustomerJson(out_, c, age_on);
  }
  Reply Finish(const std::optional<std::string>& next) {
    out_.EndArray();
    out_.Field("next_cursor", next);
    out_.EndObject();
    return JsonText(out_.Take());
  }

 private:
  core::JsonOut out_;
};

Reply ListBySegment(Call& call, const std::string& rule, int64_t limit) {
  int64_t after = -1;
  if (auto c = call.Query("cursor")) {
    auto v = ParseCursor(*c, 's');
    if (!v) return Fail(InvalidField("cursor", "is not a cursor of this listing"));
    after = *v;
  }
  auto data = LoadCurrentTable(call);
  if (!data) return data.error();
  const auto& snap = data->view->snapshot;
  auto match = app::MatchSegment(snap, data->table, rule);
  if (!match) return FailField(call.Query("rule") ? "rule" : "segment", match.error());
  const auto& m = match->members;
  auto it = std::upper_bound(m.begin(), m.end(), after,
                             [](int64_t a, uint32_t b) { return a < static_cast<int64_t>(b); });
  Page page;
  std::optional<std::string> next;
  for (int64_t n = 0; it != m.end(); ++it) {
    if (n == limit) {
      next = "s" + std::to_string(*(it - 1));
      break;
    }
    auto c = data->store->FindCustomer(snap.customer_ids[*it]);
    if (!c) return Fail(c.error());
    if (!*c) continue;
    page.Add(**c, match->as_of);
    ++n;
  }
  return page.Finish(next);
}

// The names and e-mail of the view's customers: kept per database and data
// version when the request reads the data the view was built from.
core::Result<std::shared_ptr<const app::CustomerDirectory>> Directory(const CurrentData& data) {
  auto version = data.store->DataVersion();
  if (!version) return core::Err(version.error());
  auto id = data.store->DatabaseId();
  if (!id) return core::Err(id.error());
  const bool same = *version == data.view->data_version;
  const std::string key = *id + ":" + std::to_string(data.view->data_version);
  auto& cache = AnswerCacheFor<app::CustomerDirectory>(2);
  if (same) {
    if (auto kept = cache.Find(key)) return kept;
  }
  auto dir =
      app::LoadCustomerDirectory(*data.store, data.view->snapshot, data.view->customers.index);
  if (!dir) return core::Err(dir.error());
  auto shared = std::make_shared<const app::CustomerDirectory>(std::move(*dir));
  if (same) cache.Put(key, shared);
  return shared;
}

// The customer table (view=summary): filters q, segment or rule,
// rfm_segment, lifecycle and risk together; sorted and paged by offset, or
// every row as CSV.
Reply ListSummary(Call& call, bool csv) {
  auto limit = IntQuery(call, "limit", 1, static_cast<int64_t>(call.services().max_page));
  if (!limit) return FailField("limit", limit.error());
  auto offset = IntQuery(call, "offset", 0, int64_t{1} << 40);
  if (!offset) return FailField("offset", offset.error());
  app::CustomerListQuery query;
  if (auto sort = call.Query("sort")) {
    auto parsed = app::ParseCustomerSort(*sort);
    if (!parsed) return FailField("sort", parsed.error());
    std::tie(query.sort, query.descending) = *parsed;
  }
  for (auto [name, out] :
       {std::pair{"rfm_segment", &query.rfm_segment}, std::pair{"lifecycle", &query.lifecycle},
        std::pair{"risk", &query.risk}}) {
    if (auto value = call.Query(name)) {
      auto checked = app::CheckCustomerFilter(name, *value);
      if (!checked) return FailField(name, checked.error());
      *out = std::move(*checked);
    }
  }
  query.q = call.Query("q").value_or("");
  const auto segment = call.Query("segment"), rule = call.Query("rule");
  if (segment && rule) return Fail(InvalidField("rule", "give either segment or rule, not both"));
  auto data = LoadCurrentTable(call);
  if (!data) return data.error();
  std::optional<std::string> rule_text = rule;
  if (segment) {
    auto named = app::FindNamedSegment(*data->store, *segment);
    if (!named) return FailField("segment", named.error());
    rule_text = named->rule;
  }
  std::optional<app::SegmentMatch> match;
  if (rule_text) {
    auto m = app::MatchSegment(data->view->snapshot, data->table, *rule_text);
    if (!m) return FailField(rule ? "rule" : "segment", m.error());
    match = std::move(*m);
    query.members = &match->members;
  }
  auto dir = Directory(*data);
  if (!dir) return Fail(dir.error());
  const app::CustomerListSource source{data->view->snapshot, data->table, **dir};
  const int64_t first = csv ? 0 : offset->value_or(0);
  const int64_t count = csv ? -1 : limit->value_or(kDefaultPage);
  auto page = app::ListCustomerPage(source, query, first, count);
  if (!page) return Fail(page.error());
  if (!csv) {
    auto json = app::CustomerPageJson(source, *page, first, count);
    if (!json) return Fail(json.error());
    return JsonText(std::move(*json));
  }
  auto text = app::CustomerCsv(source, page->rows);
  if (!text) return Fail(text.error());
  Reply r;
  r.text = std::move(*text);
  r.content_type = "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"customers.csv\"");
  return r;
}

Reply ListCustomers(Call& call) {
  const auto view = call.Query("view"), format = call.Query("format");
  if (view && *view != "summary") {
    return Fail(InvalidField("view", "must be summary (or left out for the plain listing)"));
  }
  if (format && *format != "json" && *format != "csv") {
    return Fail(InvalidField("format", "must be json or csv"));
  }
  const bool csv = format && *format == "csv";
  if (view || csv) return ListSummary(call, csv);
  auto limit = IntQuery(call, "limit", 1, static_cast<int64_t>(call.services().max_page));
  if (!limit) return FailField("limit", limit.error());
  const int64_t n = limit->value_or(kDefaultPage);
  auto store = call.Store();
  if (!store) return Fail(store.error());
  const auto q = call.Query("q"), segment = call.Query("segment"), rule = call.Query("rule");
  if ((segment || rule) && q) {
    return Fail(InvalidField("q",
                             "cannot be combined with segment or rule; "
                             "search with q, or filter with segment or rule"));
  }
  if (segment && rule) return Fail(InvalidField("rule", "give either segment or rule, not both"));
  if (segment) {
    auto named = app::FindNamedSegment(**store, *segment);
    if (!named) return FailField("segment", named.error());
    return ListBySegment(call, named->rule, n);
  }
  if (rule) return ListBySegment(call, *rule, n);
  int64_t after = 0;
  if (auto c = call.Query("cursor")) {
    auto v = ParseCursor(*c, 'c');
    if (!v) return Fail(InvalidField("cursor", "is not a cursor of this listing"));
    after = *v;
  }
  auto rows = (*store)->ListCustomers(after, static_cast<int>(n) + 1, q.value_or(""));
  if (!rows) return Fail(rows.error());
  std::optional<std::string> next;
  if (static_cast<int64_t>(rows->size()) > n) {
    rows->pop_back();
    next = "c" + std::to_string(rows->back().id);
  }
  Page page;
  for (const auto& r : *rows) page.Add(r.customer, std::nullopt);
  return page.Finish(next);
}

Reply GetCustomer(Call& call) {
  auto store = call.Store();
  if (!store) return Fail(store.error());
  auto as_of = DayQuery(call, "as_of");
  if (!as_of) return FailField("as_of", as_of.error());
  auto min_orders = IntQuery(call, "existing_min_orders", 1, 1000);
  if (!min_orders) return FailField("existing_min_orders", min_orders.error());
  // The view as it is; a stale one is rebuilt in the background, so that
  // reading a customer never waits for a rebuild (the route is quick).
  auto& services = call.services();
  auto latest = services.views.Peek(**store);
  if (!latest) return Fail(latest.error());
  if (latest->view && latest->stale) services.refresher.Start();
  auto view = latest->view ? core::Result<std::shared_ptr<const app::AnalyticsView>>(latest->view)
                           : services.views.Current(**store, /*allow_stale=*/true);
  if (!view) return Fail(view.error());
  app::CustomerProfileRequest req;
  req.customer_id = call.Param("id");
  req.existing_min_orders = static_cast<int>(min_orders->value_or(2));
  req.base_may_be_stale = latest->view && latest->stale && !*as_of;
  std::optional<app::CustomerBaseContext> other_day;
  if (*as_of && **as_of != (*view)->customers.as_of) {
    auto base = app::BuildCustomerBaseContext((*view)->snapshot, *as_of);
    if (!base) return Fail(base.error());
    other_day = std::move(*base);
  }
  auto profile =
      app::LoadCustomerProfile(**store, other_day ? *other_day : (*view)->customers, req);
  if (!profile) return Fail(profile.error());
  return JsonText(app::CustomerProfileJson(*profile));
}

Reply PutCustomer(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  auto customer = CustomerFromJson(*body, call.Param("id"));
  if (!customer) return Fail(customer.error());
  return IdempotentWrite(
      call,
      [c = std::move(*customer)](storage::Store& s) mutable -> core::Result<app::WriteAnswer> {
        // An erased person's address does not come back (GDPR Art. 17).
        if (!c.email.empty()) {
          auto suppressed = s.IsSuppressed(app::EmailSuppressionHash(c.email));
          if (!suppressed) return core::Err(suppressed.error());
          if (*suppressed) c.email.clear();
        }
        auto effect = s.UpsertCustomer(c);
        if (!effect) return core::Err(core::IoError(effect.error().message()));
        const int status = *effect == storage::UpsertEffect::kAdded ? 201 : 200;
        return app::WriteAnswer{status, app::CustomerJson(c, std::nullopt)};
      });
}

}  // namespace

void AddCustomerRoutes(Router& router) {
  router.Add("GET", "/api/v1/customers", Access::Read(), ListCustomers);
  router.AddQuick("GET", "/api/v1/customers/{id}", Access::ReadOrShop(), GetCustomer);
  router.Add("PUT", "/api/v1/customers/{id}", Access::ShopWrite(), PutCustomer);
}

}  // namespace retain::api
