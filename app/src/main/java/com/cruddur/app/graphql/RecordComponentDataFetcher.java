package com.cruddur.app.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The data fetcher of every field that has none of its own: it reads the record component named like the field,
 * as {@link PropertyDataFetcher} would, but remembers the accessor for the record type it last saw instead of
 * looking it up in a shared cache on every call (about 4% of a feed request's CPU). Sources that are not records
 * go to {@link PropertyDataFetcher}.
 */
final class RecordComponentDataFetcher implements LightDataFetcher<Object> {

    private final String field;
    private final PropertyDataFetcher<Object> otherSources;
    private volatile Accessor lastAccessor = Accessor.NONE;

    RecordComponentDataFetcher(String field) {
        this.field = field;
        this.otherSources = PropertyDataFetcher.fetching(field);
    }

    @Override
    public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
        if (source == null) {
            return null;
        }
        Accessor accessor = lastAccessor;
        if (accessor.type() != source.getClass()) {
            accessor = Accessor.find(source.getClass(), field);
            lastAccessor = accessor;
        }
        return accessor.read() != null ? accessor.read().apply(source) : otherSources.get(definition, source, environment);
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
        return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
    }

    /** How to read {@code field} from instances of {@code type}; {@code read} is null when {@code type} has no such component. */
    private record Accessor(Class<?> type, Function<Object, Object> read) {

        static final Accessor NONE = new Accessor(Void.class, null);

        static Accessor find(Class<?> type, String field) {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(field)) {
                        return new Accessor(type, compile(type, component));
                    }
                }
            }
            return new Accessor(type, null);
        }

        @SuppressWarnings("unchecked")
        private static Function<Object, Object> compile(Class<?> type, RecordComponent component) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                MethodHandle accessor = lookup.unreflect(component.getAccessor());
                return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                                MethodType.methodType(Function.class),
                                MethodType.methodType(Object.class, Object.class),
                                accessor,
                                accessor.type().wrap())
                        .getTarget().invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + type.getName() + "." + component.getName(), e);
            }
        }
    }
}
