package com.cruddur.app.graphql;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The GraphiQL IDE page (development only). Its scripts and styles are webjars served by this server. */
public final class GraphiqlPage {

    private final String html;

    private GraphiqlPage(String html) {
        this.html = html;
    }

    public static GraphiqlPage load() {
        try (InputStream in = GraphiqlPage.class.getResourceAsStream("/graphiql/index.html")) {
            if (in == null) {
                throw new IllegalStateException("graphiql/index.html is not on the classpath");
            }
            return new GraphiqlPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a browser opened {@code /graphql} itself, asking for a page rather than data. */
    public boolean wanted(Context ctx) {
        return MediaTypes.prefersHtml(ctx.header("Accept"));
    }

    public void serve(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }
}
