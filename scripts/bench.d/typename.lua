-- wrk scenario: POST { __typename }, the HTTP + GraphQL floor.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local graphql = require("graphql")
wrk.body = graphql.read("typename.json")
graphql.expect('"__typename":"Query"')
