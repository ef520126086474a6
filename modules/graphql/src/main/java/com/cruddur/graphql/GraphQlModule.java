package com.cruddur.graphql;

import graphql.schema.idl.RuntimeWiring;
import org.dataloader.DataLoaderRegistry;

/**
 * What one module adds to the GraphQL API: its part of the schema and the data fetchers behind it.
 * The app stitches every module's schema file into one schema and calls {@link #wire} and
 * {@link #registerDataLoaders} for each.
 */
public interface GraphQlModule {

    /** Classpath location of this module's {@code .graphqls} file. */
    String schemaResource();

    void wire(RuntimeWiring.Builder wiring);

    /** Called once per request: DataLoaders batch and cache within one request only. */
    default void registerDataLoaders(DataLoaderRegistry registry) {
    }
}
