package com.cruddur.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and who to log in as. Parsed from a libpq URL
 * ({@code postgresql://user:password@host:5432/cruddur?sslmode=require}, as in {@code CONNECTION_URL})
 * or a JDBC URL, with libpq's defaults for what the URL leaves out: the user from {@code PGUSER}, else the
 * operating system's user; the password from {@code PGPASSWORD} (else the driver reads {@code ~/.pgpass}); the port
 * from {@code PGPORT}, else 5432; the database from {@code PGDATABASE}, else the user's name; {@code sslmode} and
 * {@code sslrootcert} from {@code PGSSLMODE} and {@code PGSSLROOTCERT}. {@link #toString()} never shows the password.
 */
public record DatabaseLocation(String host, int port, String database, String user, String password, String query) {

    private static final int DEFAULT_PORT = 5432;

    public DatabaseLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        query = query == null ? "" : query;
    }

    /** Parses {@code connectionUrl} with libpq's defaults from this process's environment. */
    public static DatabaseLocation parse(String connectionUrl) {
        return parse(connectionUrl, System.getenv());
    }

    /** Parses {@code connectionUrl} with libpq's defaults from {@code environment}. */
    public static DatabaseLocation parse(String connectionUrl, Map<String, String> environment) {
        if (connectionUrl == null || connectionUrl.isBlank()) {
            throw new IllegalArgumentException("a database URL is required");
        }
        String url = connectionUrl.strip();
        if (url.startsWith("jdbc:")) {
            url = url.substring("jdbc:".length());
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://user:password@host:port/database)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://user:password@host:port/database)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String parameter : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].equals("user")) {
                user = decode(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("password")) {
                password = decode(pair[1]);
            }
        }
        List<String> remainingQuery = new ArrayList<>(Arrays.stream(query.split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("user=") && !p.startsWith("password="))
                .toList());
        if (user == null) {
            user = nonBlank(environment.get("PGUSER"));
        }
        if (user == null) {
            user = System.getProperty("user.name");
        }
        if (password == null) {
            password = environment.get("PGPASSWORD");
        }
        int port = uri.getPort();
        if (port == -1) {
            String fromEnvironment = nonBlank(environment.get("PGPORT"));
            try {
                port = fromEnvironment == null ? DEFAULT_PORT : Integer.parseInt(fromEnvironment);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PGPORT is not a port number");
            }
        }
        String database = !path.isEmpty() ? decode(path)
                : nonBlank(environment.get("PGDATABASE")) != null ? environment.get("PGDATABASE").strip() : user;
        addFromEnvironment(remainingQuery, "sslmode", environment.get("PGSSLMODE"));
        addFromEnvironment(remainingQuery, "sslrootcert", environment.get("PGSSLROOTCERT"));
        return new DatabaseLocation(uri.getHost(), port, database, user, password, String.join("&", remainingQuery));
    }

    private static void addFromEnvironment(List<String> query, String parameter, String value) {
        if (nonBlank(value) != null && query.stream().noneMatch(p -> p.startsWith(parameter + "="))) {
            query.add(parameter + "=" + encode(value.strip()));
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    public DatabaseLocation withCredentials(String otherUser, String otherPassword) {
        return new DatabaseLocation(host, port, database, otherUser, otherPassword, query);
    }

    /** The same database and credentials on another port. */
    public DatabaseLocation withPort(int otherPort) {
        return new DatabaseLocation(host, otherPort, database, user, password, query);
    }

    /** The same server and credentials, another database on it. */
    public DatabaseLocation withDatabase(String otherDatabase) {
        return new DatabaseLocation(host, port, otherDatabase, user, password, query);
    }

    /** A libpq URL for psql and the scripts. It holds the password, so it is for files and pipes, never logs. */
    public String libpqUrl() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null) {
            url.append(encode(user));
            if (password != null) {
                url.append(':').append(encode(password));
            }
            url.append('@');
        }
        url.append(host).append(':').append(port).append('/').append(encode(database));
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + host + ":" + port + "/" + database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
