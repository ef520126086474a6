package com.cruddur.activity;

import com.cruddur.graphql.GraphQlModule;
import com.cruddur.graphql.GraphQlViewer;
import com.cruddur.user.UserGraphQl;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * The activity module's part of the schema: the {@code Activity} type (its author and parent batched per
 * request), {@code activity}, {@code createActivity} and {@code replyToActivity}.
 */
public final class ActivityGraphQl implements GraphQlModule {

    private static final String ACTIVITIES_BY_UUID = "activities.byUuid";

    private final Activities activities;

    public ActivityGraphQl(Activities activities) {
        this.activities = activities;
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
