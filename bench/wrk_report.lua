-- wrk's closing summary as one machine-readable line, for bench/kolibri.py: requests, seconds,
-- p50 and p95 latency (microseconds), and every kind of error wrk counts (a non-2xx/3xx
-- answer is "status").
done = function(summary, latency, requests)
  io.write(string.format(
    "WRK requests=%d seconds=%.3f p50=%d p95=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
