-- GET /api/v1/customers/{id} over the generated shop's ids C00000001..C<N>.
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end
function init(args)
  customers = tonumber(os.getenv("CUSTOMERS") or "20000")
  n = offset or 0
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
end
function request()
  n = n + 1
  return wrk.format("GET", string.format("/api/v1/customers/C%08d", n % customers + 1))
end
