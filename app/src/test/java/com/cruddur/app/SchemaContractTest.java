package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served schema keeps the contract clients rely on (graphql-contract.graphqls): it may add types, fields and
 * arguments, but graphql-java's SchemaDiff must find nothing breaking or dangerous.
 */
@ExtendWith(PostgresExtension.class)
class SchemaContractTest {

    @Test
    void theServedSchemaKeepsTheContract(TestDatabase database) throws IOException {
        Map<String, Object> served;
        try (RunningServer server = RunningServer.start(database)) {
            served = new ObjectMapper().convertValue(
                    server.graphQl(IntrospectionQuery.INTROSPECTION_QUERY, Map.of()).get("data"), new TypeReference<>() {
                    });
        }

        assertThat(problems(introspect(contract()), served)).isEmpty();
    }

    @Test
    void theComparisonCatchesABreak() throws IOException {
        String retyped = contract().replace("crudsCount: Int!", "crudsCount: String!");
        String removed = contract().replace("  repostsCount: Int!\n", "");

        assertThat(problems(introspect(contract()), introspect(retyped))).hasSize(1);
        assertThat(problems(introspect(contract()), introspect(removed))).hasSize(1);
    }

    private static List<String> problems(Map<String, Object> contract, Map<String, Object> candidate) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromIntrospection(contract, candidate), reporter);
        List<String> problems = new ArrayList<>();
        for (DiffEvent event : reporter.getBreakages()) {
            problems.add("BREAKING " + event);
        }
        for (DiffEvent event : reporter.getDangers()) {
            problems.add("DANGEROUS " + event);
        }
        return problems;
    }

    private static Map<String, Object> introspect(String sdl) {
        return GraphQL.newGraphQL(UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl)))
                .build().execute(IntrospectionQuery.INTROSPECTION_QUERY).getData();
    }

    private static String contract() throws IOException {
        try (InputStream in = SchemaContractTest.class.getResourceAsStream("/graphql-contract.graphqls")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
