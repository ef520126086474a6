package com.cruddur.feed;

import com.cruddur.kernel.GraphQlModule;
import graphql.schema.idl.RuntimeWiring;
import java.time.ZoneOffset;

/** The feed module's part of the schema: {@code homeFeed} and the connection types. */
final class FeedGraphQl implements GraphQlModule {

    private final FeedRepository repository;

    FeedGraphQl(FeedRepository repository) {
        this.repository = repository;
    }

    @Override
    public String schemaResource() {
        return "com/cruddur/feed/feed.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("homeFeed", environment -> {
            PageRequest page = PageRequest.from(environment);
            return ActivityConnection.of(page.after() == null
                    ? repository.homeFeedFirstPage(page.limit())
                    : repository.homeFeedAfter(page.after().createdAt().atOffset(ZoneOffset.UTC), page.after().uuid(),
                            page.limit()),
                    page.first());
        }));
    }
}
