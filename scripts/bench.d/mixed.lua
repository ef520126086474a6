-- wrk scenario for the soak: home feed reads, and every MIXED_WRITE_EVERY-th request a createActivity
-- (0: reads only). Created activities are recorded like in create-activity.lua.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local graphql = require("graphql")
local feed = graphql.read("home-feed.json")
local write_every = tonumber(os.getenv("MIXED_WRITE_EVERY") or "5")
local sent = 0

function request()
  sent = sent + 1
  if write_every > 0 and sent % write_every == 0 then
    return graphql.post(graphql.create_body(graphql.message(sent)))
  end
  return graphql.post(feed)
end

graphql.expect('"homeFeed":{', '"createActivity":{"activity":{"uuid":"')
