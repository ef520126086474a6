package com.cruddur.feed;

import com.cruddur.activity.Activity;
import com.cruddur.graphql.GraphQlModule;
import com.cruddur.user.UserGraphQl;
import com.cruddur.user.User;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoaderWithContext;

/**
 * The feed module's part of the schema: {@code homeFeed}, {@code User.activities}, {@code Activity.replies} and
 * the connection types. The per-user and per-parent pages are batched: a page of 100 activities asking for
 * their replies costs one statement, not 100.
 */
public final class FeedGraphQl implements GraphQlModule {

    private static final String USER_ACTIVITIES = "feed.userActivities";
    private static final String REPLIES = "feed.replies";

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
            List<FeedItem> items = feed.homeFeed(page);
            return UserGraphQl.withUsers(ActivityConnection.of(items.stream().map(FeedItem::activity).toList(), page.first()),
                    items.stream().map(FeedItem::author).toList());
        }));
        wiring.type("User", type -> type.dataFetcher("activities",
                environment -> loadPage(environment, USER_ACTIVITIES, environment.<User>getSource().uuid())));
        wiring.type("Activity", type -> type.dataFetcher("replies",
                environment -> loadPage(environment, REPLIES, environment.<Activity>getSource().uuid())));
    }

    @Override
    public void registerDataLoaders(DataLoaderRegistry registry) {
        registry.register(USER_ACTIVITIES, DataLoaderFactory.newMappedDataLoader(pagesOf(feed::userActivities)));
        registry.register(REPLIES, DataLoaderFactory.newMappedDataLoader(pagesOf(feed::replies)));
    }

    private static CompletableFuture<ActivityConnection> loadPage(DataFetchingEnvironment environment, String loader, UUID owner) {
        return environment.<OwnersPage, ActivityConnection>getDataLoader(loader).load(new OwnersPage(owner, PageRequest.from(environment)));
    }

    /** One page of one owner's activities (a user's, or a parent's replies). */
    private record OwnersPage(UUID owner, PageRequest page) {
    }

    /** A batch loader that runs one statement per distinct page request (in practice: one) for all the owners asking. */
    private static MappedBatchLoaderWithContext<OwnersPage, ActivityConnection> pagesOf(
            BiFunction<List<UUID>, PageRequest, Map<UUID, List<Activity>>> fetch) {
        return (Set<OwnersPage> keys, BatchLoaderEnvironment environment) -> {
            Map<OwnersPage, ActivityConnection> pages = new HashMap<>();
            keys.stream().collect(Collectors.groupingBy(OwnersPage::page)).forEach((page, samePage) -> {
                Map<UUID, List<Activity>> rows = fetch.apply(samePage.stream().map(OwnersPage::owner).toList(), page);
                samePage.forEach(key -> pages.put(key, ActivityConnection.of(rows.getOrDefault(key.owner(), List.of()), page.first())));
            });
            return CompletableFuture.completedFuture(pages);
        };
    }
}
