"""Load for bench/fault-drill.sh: writers that remember every acknowledged fact, and a mixed soak.

  python3 fault_load.py writers BASE INCIDENT THREADS SECONDS OUT.json
  python3 fault_load.py soak BASE SECONDS PID OUT.json
  python3 fault_load.py check BASE INCIDENT ACKED.json   (missing acknowledged entries, sequence gaps)
"""
import json, os, sys, threading, time, urllib.request, urllib.error, uuid


def call(method, url, body=None, content_type="application/json", timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Bearer " + os.environ["FAULTLINE_ADMIN_TOKEN"])  # issue 20
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)
    except Exception as e:  # connection refused or reset: the app is not listening
        return 0, str(e).encode(), {}


def writers(base, incident, threads, seconds, out):
    acked, statuses, lock = [], {}, threading.Lock()
    missing_retry_after = [0]
    first_failure, last_failure, first_success_after = [None], [None], [None]
    stop = time.time() + seconds

    def run(w):
        n = 0
        while time.time() < stop:
            n += 1
            entry = f"w{w}-{n}-{uuid.uuid4().hex[:6]}"
            status, _, headers = call("POST", f"{base}/api/incidents/{incident}/timeline",
                                      {"entryId": entry, "at": "2025-11-18T11:31:00Z", "kind": "OTHER", "text": entry})
            now = time.time()
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    acked.append(entry)
                    if last_failure[0] is not None and (first_success_after[0] is None or first_success_after[0] < last_failure[0]):
                        first_success_after[0] = now
                else:
                    if status == 503 and "Retry-After" not in headers:
                        missing_retry_after[0] += 1
                    first_failure[0] = first_failure[0] or now
                    last_failure[0] = now
            if status != 200:
                time.sleep(0.05)

    ts = [threading.Thread(target=run, args=(w,)) for w in range(threads)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    recovery = None
    if last_failure[0] and first_success_after[0] and first_success_after[0] >= last_failure[0]:
        recovery = round(first_success_after[0] - first_failure[0], 2)
    json.dump({"acked": acked, "statuses": statuses, "failure_window_s": recovery,
               "503_without_retry_after": missing_retry_after[0]}, open(out, "w"))


def check(base, incident, acked_file):
    acked = json.load(open(acked_file))["acked"]
    status, body, _ = call("GET", f"{base}/api/incidents/{incident}")
    stored = {e["id"] for e in json.loads(body)["timeline"]} if status == 200 else set()
    status, body, _ = call("GET", f"{base}/api/incidents/{incident}/events")
    sequences = [e["sequence"] for e in json.loads(body)["events"]] if status == 200 else []
    gaps = [s for i, s in enumerate(sequences) if s != i]
    print(json.dumps({"acknowledged": len(acked), "lost": len([a for a in acked if a not in stored]),
                      "events": len(sequences), "sequence_gaps": len(gaps)}))


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def soak(base, seconds, pid, out):
    """Per second: 20 timeline writes, 5 searches, 1 import of a small document, 1 PDF postmortem."""
    statuses, lock, samples = {}, threading.Lock(), []
    incident = "soak-" + uuid.uuid4().hex[:8]
    call("POST", f"{base}/api/incidents", {"incidentId": incident, "title": "Soak", "organization": "Drill",
                                           "severity": "SEV3", "startedAt": "2025-01-01T00:00:00Z"})
    stop = time.time() + seconds
    queries = ["latent bug configuration", "dns", "bgp route leak", "certificate expiry", "retry storm"]

    def record(kind, status):
        with lock:
            statuses.setdefault(kind, {}).setdefault(str(status), 0)
            statuses[kind][str(status)] += 1

    def paced(kind, per_second, action):
        i = 0
        start = time.time()
        while time.time() < stop:
            record(kind, action(i))
            i += 1
            delay = start + i / per_second - time.time()
            if delay > 0:
                time.sleep(delay)

    def write(i):
        return call("POST", f"{base}/api/incidents/{incident}/timeline",
                    {"entryId": f"s-{i}", "at": "2025-01-01T00:05:00Z", "kind": "OTHER", "text": f"soak entry {i}"})[0]

    def search(i):
        return call("GET", f"{base}/api/search?q={urllib.request.quote(queries[i % len(queries)])}")[0]

    def load(i):
        doc = (f"id: soak-import-{i % 50}\ntitle: Imported {i}\norganization: Drill\nseverity: SEV4\n"
               f"startedAt: 2025-02-01T00:00:00Z\ntimeline:\n  - id: e1\n    at: 2025-02-01T00:01:00Z\n"
               f"    kind: DETECTION\n    text: revision {i // 50}\n")
        return call("POST", f"{base}/api/import", doc.encode(), "application/yaml")[0]

    def export(i):
        return call("GET", f"{base}/api/incidents/{incident}/postmortem?template=google-sre&format=pdf")[0]

    def sample():
        t0 = time.time()
        while time.time() < stop:
            samples.append((time.time() - t0, rss_mb(pid)))
            time.sleep(5)

    ts = [threading.Thread(target=paced, args=a) for a in
          [("write", 10, write), ("write", 10, write), ("search", 5, search), ("import", 1, load), ("pdf", 1, export)]]
    ts.append(threading.Thread(target=sample))
    [t.start() for t in ts]
    [t.join() for t in ts]
    half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    n = len(half)
    mx = sum(x for x, _ in half) / n
    my = sum(y for _, y in half) / n
    slope = sum((x - mx) * (y - my) for x, y in half) / max(sum((x - mx) ** 2 for x, _ in half), 1e-9)
    unexpected = sum(c for k in statuses.values() for s, c in k.items() if s.startswith("5") and s != "503" or s == "0")
    result = {"seconds": seconds, "statuses": statuses, "unexpected": unexpected,
              "rss_mb_first": round(samples[0][1], 1), "rss_mb_last": round(samples[-1][1], 1),
              "rss_mb_max": round(max(y for _, y in samples), 1),
              "rss_slope_mb_per_hour_second_half": round(slope * 3600, 1), "samples": len(samples)}
    json.dump(result, open(out, "w"))
    print(json.dumps({k: v for k, v in result.items()}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "writers":
        writers(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
    elif mode == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "soak":
        soak(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
