-- wrk scenario: the first page of homeFeed (home-feed.json: a named query with variables, as a client sends it).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local graphql = require("graphql")
wrk.body = graphql.read("home-feed.json")
graphql.expect('"homeFeed":{')
