package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the web client's page and assets are served, in production beside Cognito (in development, the same). */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientOverHttpTest {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">([^<]*)</script>");
    private static final Pattern ASSET = Pattern.compile("(/assets/[0-9a-f]+/)app\\.js");

    private RunningServer server;

    @BeforeAll
    void start(TestDatabase database) {
        server = RunningServer.start(database, Map.of(
                "CRUDDUR_ENV", "production",
                "AWS_COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz",
                "AWS_COGNITO_USER_POOL_CLIENT_ID", "5abcdefghij0123456789klmno",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_COGNITO_DOMAIN", "https://cruddur.auth.us-east-1.amazoncognito.com",
                "OAUTH_REDIRECT_URIS", "https://cruddur.example/auth/callback"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyClientRouteAnswersThePageWithAStrictPolicy() throws Exception {
        for (String path : List.of("/", "/@andrewbrown", "/@andrewbrown/status/0b1e6f5c-0000-4000-8000-000000000000",
                "/auth/callback?code=abc&state=xyz")) {
            HttpResponse<String> page = server.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).startsWith("default-src 'self'; ")
                    .contains("style-src 'self';", "frame-ancestors 'none'")
                    // The token endpoint the page calls is on Cognito's managed-login domain.
                    .contains("connect-src 'self' https://cruddur.auth.us-east-1.amazoncognito.com;")
                    .doesNotContain("unsafe-inline", "unsafe-eval");

            Matcher importMap = IMPORT_MAP.matcher(page.body());
            assertThat(importMap.find()).isTrue();
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
            assertThat(policy).contains("script-src 'self' 'sha256-" + hash + "';");
            // The import map is the only inline script, and there is no inline style at all.
            assertThat(page.body().split("<script").length).isEqualTo(3);
            assertThat(page.body()).doesNotContain("<style", "style=", "onload=", "onclick=");
        }
    }

    @Test
    void otherPathsAreNotThePage() {
        for (String path : List.of("/nobody", "/@andrewbrown/likes", "/@andrewbrown/status/1/2", "/assets/0/app.js")) {
            assertThat(server.get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(server.get("/api/health-check").statusCode()).isEqualTo(200);
    }

    @Test
    void assetsAreCachedForAYearRevalidatedByTheirTagAndCompressed() {
        String page = server.get("/").body();
        Matcher asset = ASSET.matcher(page);
        assertThat(asset.find()).isTrue();
        String base = asset.group(1);

        for (String file : List.of("app.js", "app.css", "icon.svg", "vendor/preact/dist/preact.module.js",
                "vendor/preact/hooks/dist/hooks.module.js")) {
            HttpResponse<String> response = server.get(base + file);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String tag = response.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = server.send(HttpRequest.newBuilder(server.uri(base + file))
                    .header("If-None-Match", tag).GET());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        assertThat(server.get(base + "app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(server.get("/favicon.ico").body()).isEqualTo(server.get(base + "icon.svg").body());
        assertThat(server.get(base + "app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");

        HttpResponse<byte[]> compressed = sendBytes(HttpRequest.newBuilder(server.uri(base + "vendor/preact/dist/preact.module.js"))
                .header("Accept-Encoding", "gzip").GET());
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(compressed.body().length).isLessThan(server.get(base + "vendor/preact/dist/preact.module.js").body().length() / 2);
    }

    @Test
    void everyModuleTheImportMapNamesIsServed() {
        Matcher importMap = IMPORT_MAP.matcher(server.get("/").body());
        assertThat(importMap.find()).isTrue();
        JsonNode imports = RunningServer.read(importMap.group(1)).get("imports");
        assertThat(imports.size()).isEqualTo(2);
        for (JsonNode url : imports) {
            HttpResponse<String> module = server.get(url.asText());
            assertThat(module.statusCode()).as(url.asText()).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        }
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
