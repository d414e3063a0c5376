// POST /api/v1/orders and /api/v1/returns: the shop reports sales and returns.
#include "retain/api/json_input.h"
#include "retain/api/routes.h"
#include "retain/api/write_call.h"

namespace retain::api {
namespace {

// Storage failures inside a job roll the group back; request errors do not.
core::Status AsStorageError(const core::Status& s) { return core::IoError(s.message()); }

Reply CreateOrder(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  auto order = OrderFromJson(*body);
  if (!order) return Fail(order.error());
  return IdempotentWrite(
      call, [o = std::move(*order)](storage::Store& s) -> core::Result<app::WriteAnswer> {
        auto customer = s.CustomerExists(o.order.customer_external_id);
        if (!customer) return core::Err(AsStorageError(customer.error()));
        if (!*customer) {
          return core::Err(core::NotFound("no customer '" + o.order.customer_external_id +
                                          "'; create it first with PUT /api/v1/customers/{id}"));
        }
        auto exists = s.OrderExists(o.order.external_id);
        if (!exists) return core::Err(AsStorageError(exists.error()));
        if (*exists) {
          return core::Err(core::AlreadyExists(
              "order '" + o.order.external_id +
              "' exists already; to repeat a request safely, send the same Idempotency-Key"));
        }
        if (auto w = s.UpsertOrder(o.order); !w) return core::Err(AsStorageError(w.error()));
        if (!o.lines.empty()) {
          if (auto w = s.UpsertOrderLines(o.lines); !w) return core::Err(AsStorageError(w.error()));
        }
        return app::WriteAnswer{201, OrderJson(o).dump()};
      });
}

Reply CreateReturn(Call& call) {
  auto body = call.JsonObject();
  if (!body) return Fail(body.error());
  auto ret = ReturnFromJson(*body);
  if (!ret) return Fail(ret.error());
  return IdempotentWrite(
      call, [r = std::move(*ret)](storage::Store& s) mutable -> core::Result<app::WriteAnswer> {
        if (!r.order_external_id.empty()) {
          auto owner = s.CustomerOfOrder(r.order_external_id);
          if (!owner) return core::Err(AsStorageError(owner.error()));
          if (!*owner) return core::Err(core::NotFound("no order '" + r.order_external_id + "'"));
          if (!r.customer_external_id.empty() && r.customer_external_id != **owner) {
            return core::Err(core::InvalidArgument("customer_id: order '" + r.order_external_id +
                                                   "' belongs to another customer"));
          }
          r.customer_external_id = **owner;
        } else {
          auto customer = s.CustomerExists(r.customer_external_id);
          if (!customer) return core::Err(AsStorageError(customer.error()));
          if (!*customer) {
            return core::Err(core::NotFound("no customer '" + r.customer_external_id + "'"));
          }
        }
        auto exists = s.ReturnExists(r.external_id);
        if (!exists) return core::Err(AsStorageError(exists.error()));
        if (*exists) {
          return core::Err(core::AlreadyExists(
              "return '" + r.external_id +
              "' exists already; to repeat a request safely, send the same Idempotency-Key"));
        }
        if (auto w = s.UpsertReturn(r); !w) return core::Err(AsStorageError(w.error()));
        return app::WriteAnswer{201, ReturnJson(r).dump()};
      });
}

}  // namespace

void AddOrderRoutes(Router& router) {
  router.Add("POST", "/api/v1/orders", Access::ShopWrite(), CreateOrder);
  router.Add("POST", "/api/v1/returns", Access::ShopWrite(), CreateReturn);
}

}  // namespace retain::api
