package com.cruddur.app.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.Scalars;
import graphql.schema.GraphQLFieldDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordComponentDataFetcherTest {

    private record Counted(String name, int count) {
    }

    private record Other(int count) {
    }

    private static final GraphQLFieldDefinition COUNT =
            GraphQLFieldDefinition.newFieldDefinition().name("count").type(Scalars.GraphQLInt).build();

    @Test
    void readsTheComponentOfWhicheverRecordTypeArrives() throws Exception {
        RecordComponentDataFetcher fetcher = new RecordComponentDataFetcher("count");

        assertThat(fetcher.get(COUNT, new Counted("a", 3), () -> null)).isEqualTo(3);
        assertThat(fetcher.get(COUNT, new Other(7), () -> null)).isEqualTo(7);
        assertThat(fetcher.get(COUNT, new Counted("b", 4), () -> null)).isEqualTo(4);
        assertThat(fetcher.get(COUNT, null, () -> null)).isNull();
    }

    @Test
    void readsMapsAndRecordsWithoutTheComponentAsGraphqlJavaWould() throws Exception {
        RecordComponentDataFetcher fetcher = new RecordComponentDataFetcher("count");

        assertThat(fetcher.get(COUNT, Map.of("count", 5), () -> null)).isEqualTo(5);
        assertThat(new RecordComponentDataFetcher("missing").get(COUNT, new Counted("c", 1), () -> null)).isNull();
    }
}
