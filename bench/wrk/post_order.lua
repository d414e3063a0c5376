-- POST /api/v1/orders with a new order id each time (thread tag + counter).
local threads = 0
function setup(thread)
  thread:set("tag", threads)
  threads = threads + 1
end
function init(args)
  customers = tonumber(os.getenv("CUSTOMERS") or "20000")
  run = os.getenv("RUN") or tostring(os.time())
  n = 0
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  n = n + 1
  local id = string.format("B%s-%d-%d", run, tag or 0, n)
  wrk.headers["Idempotency-Key"] = id
  local body = string.format(
    '{"order_id":"%s","customer_id":"C%08d","ordered_at":"2026-01-10T12:00:00+01:00",' ..
    '"total":4990,"lines":[{"sku":"BENCH-1","quantity":1,"unit_price":4990}]}',
    id, n % customers + 1)
  return wrk.format("POST", "/api/v1/orders", nil, body)
end
