-- wrk script for bench/http/run.sh: rotates through a file of requests, one per line:
--   METHOD <TAB> PATH <TAB> BODY (BODY optional)
-- usage: wrk ... -s requests.lua URL -- NAME FILE AUTH [IDEMPOTENCY [WARMUP]]
--   AUTH is the Authorization header value; IDEMPOTENCY=1 adds a unique Idempotency-Key to each POST;
--   WARMUP=1 tolerates socket errors (timeouts of a cold JVM) but still no answer outside 2xx.
-- Counts every answer outside 2xx (and socket errors); prints one "RESULT" line and exits 1 when any.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  name, file, auth, idem, warmup = args[1], args[2], args[3], args[4] == "1", args[5] == "1"
  lines = {}
  for line in io.lines(file) do
    local m, p, b = line:match("^([^\t]+)\t([^\t]+)\t?(.*)$")
    table.insert(lines, { m, p, b ~= "" and b or nil })
  end
  -- threads start at different offsets so they do not walk the same rows in step
  idx = (tid * 7919) % #lines
  math.randomseed(os.time() + tid * 1000003)
  run = string.format("%x%x", os.time(), math.random(0, 0xffffff))
  seq = 0
  non2xx = 0
  shown = 0
end

function request()
  idx = idx % #lines + 1
  local r = lines[idx]
  local h = { ["Authorization"] = auth, ["Accept"] = "application/json" }
  if r[3] then h["Content-Type"] = "application/json" end
  if idem and r[1] == "POST" then
    seq = seq + 1
    h["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. seq
  end
  return wrk.format(r[1], r[2], h, r[3])
end

function response(status, headers, body)
  -- GraphQL answers errors with 200 and an "errors" member: count those too
  if status < 200 or status > 299 or (body and body:sub(1, 10) == '{"errors":') then
    non2xx = non2xx + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("[%s] %d %s\n", name, status, body and body:sub(1, 300) or ""))
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local name, warmup = threads[1]:get("name"), threads[1]:get("warmup")
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT\t%s\t%.1f\t%.2f\t%.2f\t%d\t%d\t%d\n", name, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, bad, sock))
  if bad > 0 or (sock > 0 and not warmup) then
    io.stderr:write(string.format("FAIL [%s]: %d answers outside 2xx, %d socket errors of %d requests\n",
      name, bad, sock, summary.requests))
    os.exit(1)
  end
end
