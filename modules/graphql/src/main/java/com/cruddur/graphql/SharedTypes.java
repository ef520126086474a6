package com.cruddur.graphql;

import graphql.scalars.ExtendedScalars;
import graphql.schema.idl.RuntimeWiring;

/**
 * The part of the schema every module builds on: the {@code DateTime} and {@code UUID} scalars, the root
 * {@code Query} and {@code Mutation} types that modules extend, and {@code UserError}.
 */
public final class SharedTypes implements GraphQlModule {

    @Override
    public String schemaResource() {
        return "com/cruddur/graphql/shared.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.scalar(DateTimeScalar.INSTANCE).scalar(ExtendedScalars.UUID);
    }
}
