package com.cruddur.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Node;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents, keyed by query text, so a client that sends the same query again (as
 * every real client does) skips parsing and validation.
 * <p>
 * Bounded by weight, not count: an entry weighs about what it keeps alive (its text, once as the key and once
 * in the syntax tree, and the tree's nodes), and all of them together at most {@code maxBytes}. A document that
 * failed to parse or validate is not kept, nor one that would take more than a 64th of the cache: neither
 * junk nor a few huge documents can take the place of the queries clients repeat, or the heap.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** About what one syntax tree node keeps alive: the node, its source location, its lists. */
    private static final int BYTES_PER_NODE = 160;

    private final long maxEntryBytes;
    private final Cache<String, Weighed> entries;

    private record Weighed(PreparsedDocumentEntry entry, int bytes) {
    }

    DocumentCache(long maxBytes) {
        this.maxEntryBytes = maxBytes / 64;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String query, Weighed weighed) -> weighed.bytes())
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        Weighed cached = entries.getIfPresent(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached.entry());
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors() && 2L * query.length() <= maxEntryBytes) {
            long bytes = 2L * query.length() + (long) BYTES_PER_NODE * nodes(entry.getDocument());
            if (bytes <= maxEntryBytes) {
                entries.put(query, new Weighed(entry, (int) bytes));
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    private static long nodes(Node<?> node) {
        long count = 1;
        for (Node<?> child : node.getChildren()) {
            count += nodes(child);
        }
        return count;
    }
}
