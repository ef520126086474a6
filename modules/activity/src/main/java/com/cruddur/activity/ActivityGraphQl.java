package com.cruddur.activity;

import com.cruddur.graphql.GraphQlModule;
import com.cruddur.graphql.GraphQlViewer;
import com.cruddur.user.UserGraphQl;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The activity module's part of the schema: the {@code Activity} type (its author and parent batched per
 * request), {@code activity}, {@code createActivity}, {@code replyToActivity}, and the subscriptions
 * {@code activityCreated} and {@code replyCreated}.
 */
public final class ActivityGraphQl implements GraphQlModule {

    private static final String ACTIVITIES_BY_UUID = "activities.byUuid";

    private final Activities activities;
    private final NewActivities newActivities;

    public ActivityGraphQl(Activities activities, NewActivities newActivities) {
        this.activities = activities;
        this.newActivities = newActivities;
    }

    @Override
    public String schemaResource() {
        return "com/cruddur/activity/activity.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Activity", type -> type
                .dataFetcher("author", environment -> {
                    Activity activity = environment.getSource();
                    return UserGraphQl.load(environment, activity.userUuid());
                })
                .dataFetcher("replyTo", environment -> {
                    Activity activity = environment.getSource();
                    return activity.replyToActivityUuid() == null ? null : load(environment, activity.replyToActivityUuid());
                }));
        wiring.type("Query", type -> type.dataFetcher("activity",
                environment -> load(environment, environment.getArgument("uuid"))));
        wiring.type("Mutation", type -> type
                .dataFetcher("createActivity", environment -> {
                    String cognitoUserId = GraphQlViewer.of(environment).requireCognitoUserId();
                    Map<String, Object> input = environment.getArgument("input");
                    String ttl = (String) input.get("ttl");
                    return activities.create(cognitoUserId, (String) input.get("message"), ttl == null ? null : Ttl.valueOf(ttl));
                })
                .dataFetcher("replyToActivity", environment -> {
                    String cognitoUserId = GraphQlViewer.of(environment).requireCognitoUserId();
                    Map<String, Object> input = environment.getArgument("input");
                    return activities.reply(cognitoUserId, (UUID) input.get("activityUuid"), (String) input.get("message"));
                }));
        wiring.type("Subscription", type -> type
                .dataFetcher("activityCreated", environment -> events(environment, newActivities.topLevel()))
                .dataFetcher("replyCreated", environment -> events(environment,
                        newActivities.repliesTo(environment.getArgument("activityUuid")))));
    }

    /**
     * A subscription's events: each is the activity with its author already read, so {@code author} needs no lookup,
     * and each starts with empty DataLoader caches, as a request does (else a long subscription would keep, and
     * serve stale, every user and activity it ever looked up).
     */
    private static Publisher<DataFetcherResult<Activity>> events(DataFetchingEnvironment environment, Publisher<NewActivity> events) {
        DataLoaderRegistry dataLoaders = environment.getDataLoaderRegistry();
        return subscriber -> events.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(NewActivity event) {
                dataLoaders.getDataLoaders().forEach(DataLoader::clearAll);
                subscriber.onNext(UserGraphQl.withUsers(event.activity(), List.of(event.author())));
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    @Override
    public void registerDataLoaders(DataLoaderRegistry registry) {
        registry.register(ACTIVITIES_BY_UUID, DataLoaderFactory.newMappedDataLoader((Set<UUID> uuids) ->
                CompletableFuture.completedFuture(activities.findVisibleByUuids(uuids).stream()
                        .collect(Collectors.toMap(Activity::uuid, Function.identity())))));
    }

    private static CompletableFuture<Activity> load(DataFetchingEnvironment environment, UUID uuid) {
        return environment.<UUID, Activity>getDataLoader(ACTIVITIES_BY_UUID).load(uuid);
    }
}
