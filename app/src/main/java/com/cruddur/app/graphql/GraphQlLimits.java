package com.cruddur.app.graphql;

/**
 * What one GraphQL request may ask for, so that no single request can exhaust the server.
 *
 * @param maxDepth      deepest nesting of fields
 * @param maxComplexity total cost, where a field costs 1 plus its children, and a paginated field costs
 *                      {@code first} times its children (a page of 100 costs 100 times one row)
 * @param maxTokens     parser tokens per document: a huge document is refused before it is even parsed fully
 * @param introspection whether {@code __schema} and {@code __type} answer (off in production)
 */
public record GraphQlLimits(int maxDepth, int maxComplexity, int maxTokens, boolean introspection) {

    public static final int DEFAULT_MAX_DEPTH = 10;
    public static final int DEFAULT_MAX_COMPLEXITY = 25_000;
    public static final int DEFAULT_MAX_TOKENS = 2_000;

    public GraphQlLimits {
        if (maxDepth < 1 || maxComplexity < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("GraphQL limits must be positive");
        }
    }
}
