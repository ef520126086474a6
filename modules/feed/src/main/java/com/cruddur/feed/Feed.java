package com.cruddur.feed;

import com.cruddur.kernel.GraphQlModule;
import org.jdbi.v3.core.Jdbi;

/** The feed module's public facade. */
public final class Feed {

    private final FeedGraphQl graphQl;

    public Feed(Jdbi jdbi) {
        this.graphQl = new FeedGraphQl(jdbi.onDemand(FeedRepository.class));
    }

    public GraphQlModule graphQlModule() {
        return graphQl;
    }
}
