package com.cruddur.feed;

import com.cruddur.kernel.GraphQlModule;
import graphql.schema.idl.RuntimeWiring;

/** The feed module's part of the schema: {@code homeFeed} and the connection types. */
public final class FeedGraphQl implements GraphQlModule {

    private final Feed feed;

    public FeedGraphQl(Feed feed) {
        this.feed = feed;
    }

    @Override
    public String schemaResource() {
        return "com/cruddur/feed/feed.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("homeFeed", environment -> {
            PageRequest page = PageRequest.from(environment);
            return ActivityConnection.of(feed.homeFeed(page), page.first());
        }));
    }
}
