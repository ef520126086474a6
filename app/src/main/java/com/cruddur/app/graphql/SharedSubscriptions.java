package com.cruddur.app.graphql;

import com.cruddur.app.graphql.GraphQlApi.GraphQlRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions with the same document, operation and variables share one execution: each event is executed and
 * written as JSON once, and the same text goes to every subscriber of it. A thousand sockets subscribed to
 * {@code activityCreated { ... author { handle } }} cost one execution per new activity, not a thousand.
 * <p>
 * This is sound because what a subscription can select does not depend on who asks (the subscriptions are public
 * and no field of {@code Activity} or {@code User} reads the viewer), so shared executions run anonymously.
 */
final class SharedSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(SharedSubscriptions.class);

    /**
     * One subscriber: a socket's operation. {@link #next} is called from the fan-out's lane of the member, the others
     * from the thread that ends the execution.
     */
    interface Member extends Fanout.Recipient {

        /** The subscription was refused (it does not validate, it is over a limit...): no more events. */
        void error(List<GraphQLError> errors);

        /** The source ended: no more events. */
        void complete();
    }

    private final GraphQlApi api;
    private final ObjectMapper json;
    private final Fanout fanout;
    private final Map<GraphQlRequest, Group> groups = new HashMap<>();

    SharedSubscriptions(GraphQlApi api, ObjectMapper json, Fanout fanout) {
        this.api = api;
        this.json = json;
        this.fanout = fanout;
    }

    /** Adds the member to the execution of this request, starting that execution if it is the first. */
    void join(GraphQlRequest request, Member member, String requestId) {
        Group group;
        boolean started;
        synchronized (groups) {
            group = groups.get(request);
            started = group == null;
            if (started) {
                group = new Group(request);
                groups.put(request, group);
            }
            group.members.add(member);
        }
        if (started) {
            group.start(requestId);
        } else {
            group.caughtUp(member);
        }
    }

    /** Removes the member; the execution stops with its last member. */
    void leave(Member member, GraphQlRequest request) {
        Group group;
        synchronized (groups) {
            group = groups.get(request);
            if (group == null || !group.members.remove(member) || !group.members.isEmpty()) {
                return;
            }
            groups.remove(request);
        }
        group.stop();
    }

    /** How many distinct executions run (tests and metrics). */
    int executions() {
        synchronized (groups) {
            return groups.size();
        }
    }

    private void forget(Group group) {
        synchronized (groups) {
            groups.remove(group.request, group);
        }
    }

    private final class Group implements Subscriber<ExecutionResult> {

        private final GraphQlRequest request;
        private final Fanout.Audience<Member> members = fanout.new Audience<>();
        private Subscription subscription;
        private boolean stopped;
        /** Set when the execution was refused: members joining later get the same errors. */
        private List<GraphQLError> refusal;

        Group(GraphQlRequest request) {
            this.request = request;
        }

        void start(String requestId) {
            api.subscribe(request, requestId).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.error("subscription {} failed to start", requestId, failure);
                    refuse(List.of(GraphqlErrorBuilder.newError()
                            .message("internal error (request " + requestId + ")")
                            .extensions(Map.of("code", ErrorCodes.INTERNAL, "requestId", requestId)).build()));
                } else if (result.getData() instanceof Publisher<?> events && result.getErrors().isEmpty()) {
                    @SuppressWarnings("unchecked")
                    Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) events;
                    results.subscribe(this);
                } else {
                    refuse(result.getErrors());
                }
            });
        }

        /** A member that joined a refused group, between the refusal and the group's removal, is told too. */
        void caughtUp(Member member) {
            List<GraphQLError> errors;
            synchronized (this) {
                errors = refusal;
            }
            if (errors != null) {
                member.error(errors);
            }
        }

        private void refuse(List<GraphQLError> errors) {
            synchronized (this) {
                refusal = errors;
            }
            forget(this);
            members.forEach(member -> member.error(errors));
        }

        void stop() {
            Subscription current;
            synchronized (this) {
                stopped = true;
                current = subscription;
            }
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            boolean cancel;
            synchronized (this) {
                this.subscription = subscription;
                cancel = stopped;
            }
            if (cancel) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(ExecutionResult result) {
            String text;
            try {
                text = json.writeValueAsString(result.toSpecification());
            } catch (JsonProcessingException e) {
                log.error("a subscription event could not be written as JSON", e);
                return;
            }
            members.deliver(text);
        }

        @Override
        public void onError(Throwable failure) {
            log.warn("a subscription's event source failed: {}", failure.toString());
            refuse(List.of(GraphqlErrorBuilder.newError()
                    .message("the subscription ended on the server; subscribe again")
                    .extensions(Map.of("code", ErrorCodes.UNAVAILABLE)).build()));
        }

        @Override
        public void onComplete() {
            forget(this);
            members.forEach(Member::complete);
        }
    }
}
