-- GET /api/v1/customers/{id} over the generated shop's ids C00000001..C<N>.
-- The requests are formatted once in init() so that the client, which shares
-- the cores with the server, spends as little as possible per request.
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end
function init(args)
  local customers = tonumber(os.getenv("CUSTOMERS") or "20000")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
  requests = {}
  for i = 1, customers do
    requests[i] = wrk.format("GET", string.format("/api/v1/customers/C%08d", i))
  end
  count = customers
  n = (offset or 0) % customers
end
function request()
  n = n % count + 1
  return requests[n]
end
