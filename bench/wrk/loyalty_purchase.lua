-- POST /api/v1/loyalty/purchases with a new order id each time (thread tag +
-- counter) for one of MEMBERS members (C00000001 ...), as a till would send it.
local threads = 0
function setup(thread)
  thread:set("tag", threads)
  threads = threads + 1
end
function init(args)
  members = tonumber(os.getenv("MEMBERS") or "20000")
  run = os.getenv("RUN") or tostring(os.time())
  n = 0
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  n = n + 1
  local id = string.format("L%s-%d-%d", run, tag or 0, n)
  local body = string.format(
    '{"order_id":"%s","customer_id":"C%08d","amount_cents":%d,"currency":"EUR",' ..
    '"channel":"store","store_id":"B1","occurred_at":"2026-01-10T12:00:00+01:00"}',
    id, (n * 7919 + (tag or 0)) % members + 1, 1000 + (n * 37) % 20000)
  return wrk.format("POST", "/api/v1/loyalty/purchases", nil, body)
end
