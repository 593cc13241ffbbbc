-- reads need a token (issue 20): the admin token the benchmark scripts start the app with
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FAULTLINE_ADMIN_TOKEN")
-- wrk script: GET one incident (the path is given on the command line); reports percentiles as JSON.
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"ok":%d,"failed":%d,"perSecond":%.1f,"p50ms":%.2f,"p99ms":%.2f,"maxMs":%.2f}\n',
    summary.requests - summary.errors.status, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
