-- Shared by the wrk scenario scripts (wrk -s <scenario>.lua): request bodies from the .json files beside it,
-- the judgement of each response, and one machine-readable RESULT line at the end that lib.sh reads.
--
-- A response succeeds when its status is 200, it holds no GraphQL error and it contains the scenario's expected
-- text. Environment: BENCH_LUA (this directory), BENCH_OUT (prefix of the files where created activities are
-- recorded, one per thread: "<uuid>\t<message>" lines), BENCH_TOKEN (bearer token), BENCH_MARKER (message prefix).
local graphql = {}
local dir = os.getenv("BENCH_LUA")

function graphql.read(name)
  local file = assert(io.open(dir .. "/" .. name, "r"))
  local text = file:read("*a")
  file:close()
  return (text:gsub("%s+$", ""))
end

local create_template = graphql.read("create-activity.json")

-- A createActivity body whose message is MESSAGE (plain text: no quotes or backslashes).
function graphql.create_body(message)
  return (create_template:gsub("@MESSAGE@", message))
end

-- The n-th message of this thread: unique within the run, and findable by the run's marker.
function graphql.message(n)
  return string.format("%s %d-%d", os.getenv("BENCH_MARKER"), id, n)
end

function graphql.post(body)
  return wrk.format("POST", nil, nil, body)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Per-thread counters (each wrk thread runs its own copy of this script; done() adds them up).
ok, failed, bad_503 = 0, 0, 0
statuses = {}
local expected = {}
local created_file

-- The response of a successful request contains one of these texts.
function graphql.expect(...)
  expected = { ... }
end

local function record_created(body)
  local at = body:find('"createActivity":{"activity":{"uuid":"', 1, true)
  if not at then
    return
  end
  local uuid, message = body:match('^"createActivity":{"activity":{"uuid":"([%x%-]+)","message":"([^"]*)"', at)
  if not uuid then
    uuid = body:match('^"createActivity":{"activity":{"uuid":"([%x%-]+)"', at)
  end
  if not uuid then
    return
  end
  if not created_file then
    created_file = assert(io.open(os.getenv("BENCH_OUT") .. "-" .. id, "w"))
    created_file:setvbuf("line")
  end
  created_file:write(uuid, "\t", message or "", "\n")
end

local function looks_expected(body)
  for _, text in ipairs(expected) do
    if body:find(text, 1, true) then
      return true
    end
  end
  return false
end

-- Only plain searches (no Lua patterns) run on every body: a pattern scan of a 6 kB feed page cost the load
-- generator about 130 us of CPU per response, taken from the server and PostgreSQL on the same cores. The
-- server writes compact JSON, so a response with errors (GraphQL's, or a payload's user errors) holds exactly
-- "errors":[{ (in a message it would be escaped).
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 and looks_expected(body) and not body:find('"errors":[{', 1, true) then
    ok = ok + 1
    record_created(body)
  else
    failed = failed + 1
    if status == 503 and not ((headers["Retry-After"] or headers["retry-after"]) and body:find('"UNAVAILABLE"', 1, true)) then
      bad_503 = bad_503 + 1
    end
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function done(summary, latency, requests)
  local total_ok, total_failed, total_bad_503 = 0, 0, 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_failed = total_failed + thread:get("failed")
    total_bad_503 = total_bad_503 + thread:get("bad_503")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local codes = {}
  for status, count in pairs(by_status) do
    table.insert(codes, status .. ":" .. count)
  end
  table.sort(codes)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d ok=%d failed=%d socket_errors=%d timeouts=%d errors=%d bad_503=%d statuses=%s "
      .. "seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    summary.requests, total_ok, total_failed, errors.connect + errors.read + errors.write, errors.timeout,
    total_failed + errors.connect + errors.read + errors.write + errors.timeout, total_bad_503,
    #codes > 0 and table.concat(codes, ",") or "none",
    seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

return graphql
