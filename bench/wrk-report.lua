-- Shared by the wrk scripts (loaded with dofile from the repository root, where the bench scripts run):
-- prints one line, WRK_JSON {...}, with the successful requests per second and latency percentiles.
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  local ok = summary.requests - non2xx
  io.write(string.format(
    'WRK_JSON {"ok":%d,"failed":%d,"perSecond":%.1f,"p50ms":%.2f,"p99ms":%.2f,"maxMs":%.2f}\n',
    ok, non2xx + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    ok / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
