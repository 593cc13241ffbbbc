-- wrk script: POST a timeline entry to one of the benchmark incidents, chosen at random.
-- The incident ids are read from the file named by the INCIDENTS environment variable.
local ids = {}
for line in io.lines(os.getenv("INCIDENTS")) do ids[#ids + 1] = line end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- writes need a token (issue 20): the admin token the benchmark scripts start the app with
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FAULTLINE_ADMIN_TOKEN")
local body = '{"at":"2025-11-18T11:31:00Z","kind":"OTHER","text":"Benchmark entry: proxies return HTTP 5xx"}'

-- PACE_MS set: each connection waits that long before each request, so 16 connections offer a
-- fixed rate (~1,000/s at 12 ms) instead of saturating the server; latency is then measured at
-- that throughput rather than at the maximum.
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  delay = function() return pace end
end

request = function()
  return wrk.format(nil, "/api/incidents/" .. ids[math.random(#ids)] .. "/timeline", nil, body)
end

dofile("bench/wrk-report.lua")
