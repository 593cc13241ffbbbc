-- wrk script: GET /api/search with one of a few queries about the seed incidents, chosen at random.
local queries = {"dns", "bad configuration file", "certificate expired", "bgp route leak", "database failover",
  "cloudflare bot management", "deploy rollback", "expired", "load balancer health check", "storage outage"}
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FAULTLINE_ADMIN_TOKEN")

request = function()
  local q = queries[math.random(#queries)]:gsub(" ", "+")
  return wrk.format("GET", "/api/search?q=" .. q)
end

dofile("bench/wrk-report.lua")
