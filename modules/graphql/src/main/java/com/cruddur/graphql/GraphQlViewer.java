package com.cruddur.graphql;

import com.cruddur.kernel.Viewer;
import graphql.schema.DataFetchingEnvironment;

/** The {@link Viewer} of the request a data fetcher runs for: the app puts it in each request's GraphQL context. */
public final class GraphQlViewer {

    private GraphQlViewer() {
    }

    public static Viewer of(DataFetchingEnvironment environment) {
        Viewer viewer = environment.getGraphQlContext().get(Viewer.class);
        return viewer == null ? Viewer.anonymous() : viewer;
    }
}
