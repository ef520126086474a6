package com.cruddur.app;

import com.cruddur.database.ConnectionPool;
import com.cruddur.database.DatabaseLocation;
import com.cruddur.database.DevelopmentSeed;
import com.cruddur.database.Migrations;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Consumer;

/**
 * {@code java -jar cruddur.jar [serve|migrate|seed|dev-token <handle>]}. {@code serve} (the default) runs the server;
 * {@code migrate} and {@code seed} apply the migrations or the development seed to {@code CONNECTION_URL}
 * and exit (the db-* scripts use them, so scripts and server share one mechanism). {@code dev-token} prints an
 * access token from the local issuer for the user with that handle (development only).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("cruddur: " + e.getMessage());
            System.exit(2);
            return;
        }
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> {
                Application application = Application.start(config);
                Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
            }
            case "migrate" -> runAgainstDatabase(command, config, pool ->
                    System.out.println("migrations: " + Migrations.apply(pool).migrationsExecuted + " applied"));
            case "seed" -> runAgainstDatabase(command, config, pool -> {
                DevelopmentSeed.apply(pool);
                System.out.println("seed: loaded");
            });
            case "dev-token" -> {
                if (args.length != 2) {
                    System.err.println("usage: cruddur dev-token <handle>");
                    System.exit(2);
                }
                System.exit(DevToken.print(config, args[1], System.out, System.err));
            }
            default -> {
                System.err.println("usage: cruddur [serve|migrate|seed|dev-token <handle>]");
                System.exit(2);
            }
        }
    }

    /** Runs a one-off command on CONNECTION_URL; a failure is one line on stderr and exit status 1. */
    private static void runAgainstDatabase(String command, AppConfig config, Consumer<HikariDataSource> work) {
        DatabaseLocation database = config.database().orElse(null);
        if (database == null) {
            System.err.println("cruddur " + command + ": CONNECTION_URL is required");
            System.exit(2);
            return;
        }
        try (HikariDataSource pool = ConnectionPool.open(database, config.databaseCredentials(), config.pool())) {
            work.accept(pool);
        } catch (RuntimeException e) {
            System.err.println("cruddur " + command + " failed on " + database + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
