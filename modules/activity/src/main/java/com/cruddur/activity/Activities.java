package com.cruddur.activity;

import com.cruddur.kernel.GraphQlModule;
import com.cruddur.user.Users;

/** The activity module's public facade. */
public final class Activities {

    private final ActivityGraphQl graphQl;

    public Activities(Users users) {
        this.graphQl = new ActivityGraphQl(users);
    }

    public GraphQlModule graphQlModule() {
        return graphQl;
    }
}
