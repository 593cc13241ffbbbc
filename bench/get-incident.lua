-- reads need a token (issue 20): the admin token the benchmark scripts start the app with
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FAULTLINE_ADMIN_TOKEN")
-- wrk script: GET one incident (the path is given on the command line); reports percentiles as JSON.
dofile("bench/wrk-report.lua")
