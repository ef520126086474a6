package com.cruddur.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The browser client: one HTML page answers every client route ({@code /}, {@code /@handle},
 * {@code /@handle/status/<uuid>}, {@code /auth/callback}) and routes in the browser; its ES modules, styles and
 * Preact (from its webjar) are served under {@code /assets/<version>/}, where the version is a hash of all of them,
 * so they are cached for a year and a new build is a new URL.
 */
public final class WebClient {

    /** Every file of the client, relative to {@code com/cruddur/web/assets/}. */
    private static final List<String> FILES = List.of(
            "app.css", "icon.svg",
            "app.js", "api.js", "auth.js", "router.js", "format.js", "words.js", "components.js", "pages.js");
    private static final String WEBJAR = "META-INF/resources/webjars/preact/";
    /** The parts of Preact the client imports, and the names it imports them by (the import map). */
    private static final Map<String, String> PREACT = Map.of(
            "preact", "dist/preact.module.js",
            "preact/hooks", "hooks/dist/hooks.module.js");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Map<String, Asset> assets;
    private final String version;
    private final byte[] page;
    private final String pageTag;
    private final String contentSecurityPolicy;

    private record Asset(byte[] content, String contentType, String tag) {
    }

    private WebClient(Map<String, Asset> assets, String version, byte[] page, String contentSecurityPolicy) {
        this.assets = assets;
        this.version = version;
        this.page = page;
        this.pageTag = tag(page);
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * Reads the client from the classpath. {@code signInOrigins} are the origins besides this server's that the page
     * may call (the authorization server's token endpoint, e.g. Cognito's managed-login domain).
     */
    public static WebClient load(List<String> signInOrigins) {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : FILES) {
            assets.put(file, asset(file, read("com/cruddur/web/assets/" + file)));
        }
        String preactVersion = webjarVersion();
        Map<String, String> importNames = new LinkedHashMap<>();
        PREACT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String file = "vendor/preact/" + entry.getValue();
            assets.put(file, asset(file, read(WEBJAR + preactVersion + "/" + entry.getValue())));
            importNames.put(entry.getKey(), file);
        });
        String version = version(assets);
        String base = "/assets/" + version + "/";

        String importMap = importNames.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":\"" + base + entry.getValue() + "\"")
                .collect(Collectors.joining(",", "{\"imports\":{", "}}"));
        String html = new String(read("com/cruddur/web/index.html"), StandardCharsets.UTF_8)
                .replace("{{importMap}}", importMap)
                .replace("{{base}}", base);
        String scriptHash = Base64.getEncoder().encodeToString(sha256(importMap.getBytes(StandardCharsets.UTF_8)));
        String connect = signInOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", signInOrigins);
        String policy = String.join("; ",
                "default-src 'self'",
                "script-src 'self' 'sha256-" + scriptHash + "'",
                "style-src 'self'",
                "img-src 'self'",
                "connect-src " + connect,
                "form-action 'self'",
                "base-uri 'none'",
                "object-src 'none'",
                "frame-ancestors 'none'");
        return new WebClient(Map.copyOf(assets), version, html.getBytes(StandardCharsets.UTF_8), policy);
    }

    /** The content hash in every asset's URL. */
    public String version() {
        return version;
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** Adds the page's and the assets' routes; add them after the server's own, whose paths they must not shadow. */
    public void addRoutes(RoutesConfig routes) {
        routes.get("/", this::page);
        routes.get("/auth/callback", this::page);
        // Browsers ask for one on every page of this server (GraphiQL's, the sign-in page's). Added before
        // /{profile}: of two matching routes, the first added answers.
        routes.get("/favicon.ico", ctx -> {
            Asset icon = assets.get("icon.svg");
            send(ctx, icon.content(), icon.contentType(), icon.tag(), "public, max-age=86400");
        });
        routes.get("/{profile}", ctx -> {
            requireHandle(ctx);
            page(ctx);
        });
        routes.get("/{profile}/status/{uuid}", ctx -> {
            requireHandle(ctx);
            page(ctx);
        });
        routes.get("/assets/{version}/<file>", this::asset);
    }

    private static void requireHandle(Context ctx) {
        if (!ctx.pathParam("profile").startsWith("@")) {
            throw new NotFoundResponse();
        }
    }

    private void page(Context ctx) {
        ctx.header(Header.CONTENT_SECURITY_POLICY, contentSecurityPolicy)
                .header("Referrer-Policy", "no-referrer")
                .header(Header.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        // The page names the current assets: a browser revalidates it on every visit.
        send(ctx, page, "text/html; charset=utf-8", pageTag, "no-cache");
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null || !version.equals(ctx.pathParam("version"))) {
            throw new NotFoundResponse();
        }
        ctx.header(Header.X_CONTENT_TYPE_OPTIONS, "nosniff");
        send(ctx, asset.content(), asset.contentType(), asset.tag(), IMMUTABLE);
    }

    private static void send(Context ctx, byte[] content, String contentType, String tag, String cacheControl) {
        ctx.header(Header.ETAG, tag).header(Header.CACHE_CONTROL, cacheControl);
        // Responses are compressed when the client accepts it (Javalin's compression): caches must keep both.
        ctx.res().addHeader(Header.VARY, "Accept-Encoding");
        String ifNoneMatch = ctx.header(Header.IF_NONE_MATCH);
        if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(tag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(contentType).result(content);
    }

    private static Asset asset(String file, byte[] content) {
        return new Asset(content, contentType(file), tag(content));
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("no content type for " + file);
    }

    /** A weak validator: the same content compressed or not is the same resource. */
    private static String tag(byte[] content) {
        return "W/\"" + HexFormat.of().formatHex(sha256(content), 0, 16) + "\"";
    }

    private static String version(Map<String, Asset> assets) {
        MessageDigest digest = digest();
        assets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update(entry.getValue().content());
        });
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/preact/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = WebClient.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }

    private static byte[] sha256(byte[] content) {
        return digest().digest(content);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
