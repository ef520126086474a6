package com.cruddur.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and who to log in as. Parsed from a libpq URL
 * ({@code postgresql://user:password@host:5432/cruddur?sslmode=require}, as in {@code CONNECTION_URL})
 * or a JDBC URL. {@link #toString()} never shows the password.
 */
public record DatabaseLocation(String host, int port, String database, String user, String password, String query) {

    private static final int DEFAULT_PORT = 5432;

    public DatabaseLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        query = query == null ? "" : query;
    }

    public static DatabaseLocation parse(String connectionUrl) {
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
        String database = path.isEmpty() ? "postgres" : decode(path);
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
        String remainingQuery = String.join("&", java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("user=") && !p.startsWith("password="))
                .toList());
        return new DatabaseLocation(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(),
                database, user, password, remainingQuery);
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
