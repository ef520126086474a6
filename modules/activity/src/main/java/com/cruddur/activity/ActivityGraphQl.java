package com.cruddur.activity;

import com.cruddur.kernel.GraphQlModule;
import com.cruddur.user.UserGraphQl;
import graphql.schema.idl.RuntimeWiring;

/** The activity module's part of the schema: the {@code Activity} type and its author. */
public final class ActivityGraphQl implements GraphQlModule {

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
                }));
    }
}
