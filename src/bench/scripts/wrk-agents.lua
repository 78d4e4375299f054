-- wrk script of wrk-agents.sh: GET /api/agents/{id}/availability, the id drawn at random per request from the
-- WRK_AGENTS agents named WRK_AGENT_PREFIX0000 ... (defaults 1000 and "bench-agent-"). Anonymous (no token).
-- WRK_PATH_PREFIX (default empty) goes before /api: wrk-ceiling.sh sends "/ceiling" for the bare endpoint.
-- done() prints one machine-readable line, WRK_RESULT key=value ..., which wrk_agents.py parses; latencies in µs.
-- non2xx is wrk's own count of responses with status >= 400 (its "Non-2xx or 3xx responses" line).

local count = tonumber(os.getenv("WRK_AGENTS") or "1000")
local prefix = os.getenv("WRK_AGENT_PREFIX") or "bench-agent-"
local root = os.getenv("WRK_PATH_PREFIX") or ""
local requests = {}
local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   math.randomseed(os.time() + 7919 * (thread_number or 0))
   -- Built once: a request is then a table lookup, so wrk's own cost per request stays small.
   for i = 0, count - 1 do
      requests[i + 1] = wrk.format("GET", string.format("%s/api/agents/%s%04d/availability", root, prefix, i))
   end
end

function request()
   return requests[math.random(count)]
end

function done(summary, latency, _)
   local e = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d "
      .. "p50_us=%d p75_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(99),
      latency.max, latency.mean))
end
