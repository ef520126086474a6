-- wrk scenario: createActivity with a bearer token (BENCH_TOKEN), each request with a message of its own
-- (BENCH_MARKER plus thread and sequence numbers); created activities are recorded for the check afterwards.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local graphql = require("graphql")
local sent = 0

function request()
  sent = sent + 1
  return graphql.post(graphql.create_body(graphql.message(sent)))
end

graphql.expect('"createActivity":{"activity":{"uuid":"')
