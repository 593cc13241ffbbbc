-- wrk script: GET /api/search with one of a few queries about the seed incidents, chosen at random.
local queries = {"dns", "bad configuration file", "certificate expired", "bgp route leak", "database failover",
  "cloudflare bot management", "deploy rollback", "expired", "load balancer health check", "storage outage"}
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FAULTLINE_ADMIN_TOKEN")

request = function()
  local q = queries[math.random(#queries)]:gsub(" ", "+")
  return wrk.format("GET", "/api/search?q=" .. q)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  local ok = summary.requests - non2xx
  io.write(string.format(
    'WRK_JSON {"ok":%d,"failed":%d,"perSecond":%.1f,"p50ms":%.2f,"p99ms":%.2f,"maxMs":%.2f}\n',
    ok, non2xx + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    ok / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
