package com.cruddur.testing;

import com.cruddur.database.ConnectionSettings;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.EmbeddedPostgresServer;
import com.cruddur.database.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL server a test run uses, chosen once per JVM: the database named by
 * {@code TEST_DATABASE_URL} if set (its user must be allowed to create databases); else a Testcontainers
 * PostgreSQL where a Docker daemon answers; else an embedded PostgreSQL from Maven Central.
 * It holds a template database with every migration applied; each test database is a copy of it.
 */
public final class TestPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(TestPostgresServer.class);
    private static final String POSTGRES_IMAGE = "postgres:18-alpine";
    private static final ConnectionSettings CONNECTIONS = ConnectionSettings.named("cruddur-test");
    private static TestPostgresServer instance;

    private final DatabaseLocation admin;
    private final String kind;
    private final String template;

    private TestPostgresServer(DatabaseLocation admin, String kind) {
        this.admin = admin;
        this.kind = kind;
        this.template = "cruddur_template_" + shortId();
        execute("CREATE DATABASE " + template);
        Migrations.apply(dataSource(admin.withDatabase(template)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(template)));
        log.info("tests use {} PostgreSQL at {} (template {})", kind, admin, template);
    }

    public static synchronized TestPostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgresServer start() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestPostgresServer(DatabaseLocation.parse(url), "TEST_DATABASE_URL");
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            return new TestPostgresServer(DatabaseLocation.parse(container.getJdbcUrl())
                    .withCredentials(container.getUsername(), container.getPassword()), "Testcontainers");
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.startEphemeral(Map.of(
                "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off", "max_connections", "300"));
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return new TestPostgresServer(embedded.location("postgres"), "embedded");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Which kind of server this run uses: TEST_DATABASE_URL, Testcontainers or embedded. */
    public String kind() {
        return kind;
    }

    /** A new, empty-but-migrated database of its own; closing it drops it. */
    public TestDatabase createDatabase() {
        String name = "cruddur_test_" + shortId();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        return new TestDatabase(this, admin.withDatabase(name));
    }

    /** A new database with nothing in it, not even the migrations. */
    public TestDatabase createEmptyDatabase() {
        String name = "cruddur_empty_" + shortId();
        execute("CREATE DATABASE " + name);
        return new TestDatabase(this, admin.withDatabase(name));
    }

    void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void dropQuietly(String database) {
        try {
            drop(database);
        } catch (RuntimeException e) {
            log.debug("could not drop {}: {}", database, e.getMessage());
        }
    }

    private void execute(String sql) {
        try (Connection connection = CONNECTIONS.open(admin);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + admin + ": " + e.getMessage(), e);
        }
    }

    static DataSource dataSource(DatabaseLocation location) {
        return CONNECTIONS.unpooledDataSource(location);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
