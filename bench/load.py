"""The load generator of `make bench-web`: wrk (Debian's `wrk`, C, event-driven), one connection per client.

Python client threads on the same 2 cores took CPU the server needed, so their p95 was mostly the
client's own queueing. wrk runs `clients` connections, each its own thread with its own headers (a
signed-in browser's cookie or an API token), one request at a time per connection, as a person or a
tool would. A Lua script counts every answer that is not the expected status and, for posts, numbers
each body's note per connection, so the rows in the database can be matched to the answers (none
lost, none duplicated).
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

RESULT = re.compile(r"^RESULT (.*)$", re.M)

SCRIPT = """
local HEADERS, PATHS = %(headers)s, %(paths)s
local METHOD, EXPECT, BODY = %(method)s, %(expect)d, %(body)s
local counter, threads = 0, {}

function setup(thread)
  counter = counter + 1
  thread:set("client", counter)
  table.insert(threads, thread)
end

function init(args)
  -- wrk calls the first thread's request() once more, to check the script, and sends nothing then
  sent, good, bad = client == 1 and -1 or 0, 0, 0
  for name, value in pairs(HEADERS[client]) do wrk.headers[name] = value end
end

function request()
  sent = sent + 1
  local body = nil
  if BODY then
    body = string.gsub(BODY, "@NOTE@", "c" .. client .. "-" .. sent)
    body = string.gsub(body, "@DAY@", os.date("%%Y-%%m-%%d", os.time() - 86400 * (sent %% 3)))
  end
  return wrk.format(METHOD, PATHS[client], nil, body)
end

function response(status, headers, body)
  if status == EXPECT then good = good + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local answered = {}
  local good_total, bad_total = 0, 0
  for _, t in ipairs(threads) do
    table.insert(answered, t:get("client") .. ":" .. t:get("good") .. ":" .. t:get("sent"))
    good_total = good_total + t:get("good")
    bad_total = bad_total + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f %%s\\n", summary.requests, summary.duration,
    good_total, bad_total, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency.max, table.concat(answered, ",")))
end
"""


def _lua(value) -> str:
    """A Python str/number/None/list of str dicts as a Lua literal (JSON's string escapes are Lua's)."""
    if value is None:
        return "nil"
    if isinstance(value, list):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{json.dumps(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def wrk() -> str | None:
    """The wrk executable's path, or None when it is not installed."""
    return shutil.which("wrk")


def run(base: str, path: str | list[str], headers: list[dict], seconds: float, tmp: Path, method: str = "GET",
        expect: int = 200, body: str | None = None, name: str = "load") -> dict:
    """`len(headers)` clients on `base + path` (or each on its own path) for `seconds`; latency
    percentiles (ms), rate, and per client (numbered from 1) how many requests were answered and sent.

    `body` may hold @NOTE@, replaced in each request by "c<client>-<n>" (n counts that client's requests),
    and @DAY@, replaced by today's date, yesterday's or the day before's in turn.
    """
    paths = path if isinstance(path, list) else [path] * len(headers)
    script = tmp / f"wrk-{name}.lua"
    script.write_text(SCRIPT % {"headers": _lua(headers), "paths": _lua(paths), "method": _lua(method),
                                "expect": expect, "body": _lua(body)})
    clients = len(headers)
    out = subprocess.run([wrk() or "wrk", "-t", str(clients), "-c", str(clients), "-d", f"{seconds:g}s", "--timeout", "30s",
                          "-s", str(script), base + paths[0]], capture_output=True, text=True, timeout=seconds + 120)
    match = RESULT.search(out.stdout)
    if match is None:
        raise RuntimeError(f"wrk gave no result: {out.stdout[-500:]} {out.stderr[-500:]}")
    fields = match.group(1).split(" ")
    requests, duration_us, good, bad, socket_errors = (int(x) for x in fields[:5])
    p50, p95, worst = (float(x) / 1000 for x in fields[5:8])
    answered = {}
    for item in fields[8].split(","):
        client, ok, sent = (int(x) for x in item.split(":"))
        answered[client] = (ok, sent)
    wall = duration_us / 1e6
    return {"clients": clients, "n": good, "errors": bad + socket_errors, "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1), "max_ms": round(worst, 1), "rps": round(good / wall, 1),
            "responses": requests, "answered": answered, "load_1min": round(os.getloadavg()[0], 1)}
