package com.cruddur.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.database.DevelopmentSeed;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The web client in Debian's Chromium against the real server on a real PostgreSQL: what a person sees and does. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebClientBrowserTest {

    private static final String TIME_ZONE = "Asia/Tokyo";

    private TestDatabase database;
    private RunningServer server;
    private Browser browser;
    private boolean consoleErrorsExpected;

    @BeforeAll
    void start(TestDatabase database) {
        Browser.assumeInstalled();
        this.database = database;
        DevelopmentSeed.apply(database.dataSource());
        // A short statement timeout, so that a locked table turns into 503 UNAVAILABLE quickly.
        server = RunningServer.startWithLocalIssuer(database, Map.of("DB_STATEMENT_TIMEOUT_MS", "1500"), Clock.systemUTC());
        browser = Browser.open(server.uri("").toString(), TIME_ZONE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void expectNoConsoleErrors() {
        consoleErrorsExpected = false;
    }

    @AfterEach
    void thePageAskedNoOtherHostAndLoggedNoError() {
        List<URI> urls = browser.requestedUrls();
        assertThat(urls).isNotEmpty();
        assertThat(urls).allSatisfy(url -> assertThat(url.getScheme() + "://" + url.getAuthority())
                .isEqualTo(server.uri("").toString()));
        if (!consoleErrorsExpected) {
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private List<String> messages() {
        return browser.all(".cruds .message").stream().map(WebElement::getText).toList();
    }

    private List<String> uuidsShown() {
        return browser.all(".cruds article.crud").stream().map(e -> e.getAttribute("id")).toList();
    }

    private int feedSize() {
        return database.queryValue("""
                SELECT count(*)::int FROM activities
                WHERE reply_to_activity_uuid IS NULL AND (expires_at IS NULL OR expires_at > now())""", Integer.class);
    }

    @Test
    void theSeededFeedIsVisibleNewestFirst() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");

        List<String> messages = messages();
        assertThat(messages).hasSize(20);
        assertThat(messages).containsSubsequence("This was imported as seed data!", "I am the other!");
        assertThat(messages).doesNotContain("This crud expired yesterday: it must not be in the feed.");
        List<String> times = browser.all(".cruds time").stream().map(e -> e.getAttribute("datetime")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        WebElement imported = browser.driver().findElement(By.xpath(
                "//article[.//p[@class='message' and text()='This was imported as seed data!']]"));
        assertThat(imported.findElement(By.cssSelector(".display-name")).getText()).isEqualTo("Andrew Brown");
        assertThat(imported.findElement(By.cssSelector(".display-name")).getAttribute("href")).endsWith("/@andrewbrown");
        assertThat(imported.findElement(By.cssSelector(".handle")).getText()).isEqualTo("@andrewbrown");
        assertThat(imported.findElement(By.cssSelector("time")).getText()).matches("\\d+[smh]");
        // The tooltip is the full date in the person's own time zone (Tokyo: GMT+9).
        assertThat(imported.findElement(By.cssSelector("time")).getAttribute("title")).contains("GMT+9");
        assertThat(imported.findElement(By.cssSelector(".time-left")).getText()).isEqualTo("9d");
        assertThat(imported.findElement(By.cssSelector(".replies")).getText()).isEqualTo("1 reply");

        WebElement neverExpires = browser.driver().findElement(By.xpath(
                "//article[.//p[@class='message' and text()='Crud number 5 from the seed, by altbrown.']]"));
        assertThat(neverExpires.findElements(By.cssSelector(".expires"))).isEmpty();
        assertThat(neverExpires.findElements(By.cssSelector(".replies"))).isEmpty();
        assertThat(neverExpires.findElement(By.cssSelector("time")).getText()).isEqualTo("3h");
        browser.screenshots("home");
        browser.darkScreenshots("home");
    }

    @Test
    void moreLoadsTheNextPageWithoutDuplicates() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");
        assertThat(uuidsShown()).hasSize(20);

        browser.find("button.more").click();
        int expected = feedSize();
        browser.await(d -> uuidsShown().size() == expected);
        assertThat(new HashSet<>(uuidsShown())).hasSize(expected);
        assertThat(browser.all("button.more")).isEmpty();
        browser.screenshots("home-more");
    }

    @Test
    void aCrudOpensItsPageWithItsReplies() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");
        browser.driver().findElement(By.xpath("//p[@class='message' and text()='This was imported as seed data!']")).click();

        browser.awaitText(".cruds .message", "Welcome aboard!");
        assertThat(browser.driver().getCurrentUrl()).matches(".*/@andrewbrown/status/[0-9a-f-]{36}");
        assertThat(browser.find(".focus-crud .message").getText()).isEqualTo("This was imported as seed data!");
        assertThat(browser.find(".cruds .display-name").getText()).isEqualTo("Andrew Bayko");
        browser.screenshots("crud");
    }

    @Test
    void aReplyOnACrudsPageAppearsAtOnceAndTheCountGoesUp() {
        UUID parent = database.queryValue("SELECT uuid FROM activities WHERE message = 'I am the other!'", UUID.class);
        browser.fresh("/");
        signInThroughTheAuthorizePage("londo");
        browser.open("/@altbrown/status/" + parent);
        browser.awaitVisible(".focus-crud .message");
        assertThat(browser.all(".focus-crud .replies")).isEmpty();
        assertThat(browser.find(".crud-list .empty").getText()).isEqualTo("No replies yet.");

        browser.type("#reply-text", "Welcome, other one.");
        browser.find(".composer button[type=submit]").click();

        browser.awaitText(".cruds .message", "Welcome, other one.");
        browser.awaitText(".focus-crud .replies", "1 reply");
        assertThat(browser.find("#reply-text").getAttribute("value")).isEmpty();
        assertThat(database.queryValue("SELECT replies_count FROM activities WHERE uuid = '" + parent + "'", Integer.class))
                .isEqualTo(1);
        browser.screenshots("crud-replied");
    }

    @Test
    void postingPutsTheNewCrudAtTheTopWithItsTimeLeft() {
        browser.fresh("/");
        signInThroughTheAuthorizePage("bayko");
        browser.open("/");
        browser.awaitText(".me", "Andrew Bayko");
        List<String> ttls = browser.all("select[name=ttl] option").stream().map(e -> e.getAttribute("value")).toList();
        assertThat(ttls).containsExactlyElementsOf(schemaTtls());
        assertThat(browser.find("select[name=ttl]").getAttribute("value")).isEqualTo("SEVEN_DAYS");

        browser.find("select[name=ttl]").findElement(By.cssSelector("option[value=ONE_HOUR]")).click();
        browser.type("#post-text", "Posted from <b>Chromium</b>");
        browser.find(".composer button[type=submit]").click();

        browser.await(d -> messages().get(0).equals("Posted from <b>Chromium</b>"));
        WebElement first = browser.find(".cruds article.crud");
        assertThat(first.findElement(By.cssSelector(".time-left")).getText()).matches("1h|59m");
        assertThat(first.findElements(By.cssSelector(".message b"))).isEmpty();
        assertThat(browser.find("#post-text").getAttribute("value")).isEmpty();
        assertThat(browser.script("return document.activeElement.id")).isEqualTo(first.getAttribute("id"));
        browser.screenshots("home-posted");
    }

    @Test
    void twoHundredEightyOneEmojiRefuseToPostAndKeepTheText() {
        browser.fresh("/");
        signInThroughTheAuthorizePage("altbrown");
        browser.open("/");
        browser.awaitText(".me", "Alt Brown");
        String tooLong = "😀".repeat(281);
        browser.type("#post-text", tooLong);

        assertThat(browser.find(".count-number").getText()).isEqualTo("-1");
        assertThat(browser.find(".count").getAttribute("class")).contains("over");
        assertThat(browser.find(".composer button[type=submit]").isEnabled()).isFalse();
        assertThat(browser.find("#post-errors").getText()).isEqualTo("Too long: remove 1 character.");
        assertThat(browser.find("#post-text").getAttribute("value")).isEqualTo(tooLong);
        browser.screenshots("home-too-long");

        // 280 emoji are 280 characters for the server too.
        browser.type("#post-text", "😀".repeat(280));
        assertThat(browser.find(".count-number").getText()).isEqualTo("0");
        browser.find(".composer button[type=submit]").click();
        browser.await(d -> messages().get(0).equals("😀".repeat(280)));
    }

    @Test
    void editingOnesProfile() {
        browser.fresh("/");
        signInThroughTheAuthorizePage("londo");
        browser.open("/@andrewbrown");
        browser.awaitText("main h1", "Andrew Brown");
        assertThat(browser.all("button.edit")).isEmpty();

        browser.open("/@londo");
        browser.awaitText("main h1", "Londo Mollari");
        assertThat(browser.find(".cruds-count").getText()).matches("\\d+ Cruds");
        assertThat(browser.find(".bio").getText()).isEqualTo("Ambassador of the Centauri Republic.");
        browser.find("button.edit").click();
        browser.type("#profile-displayName", "   ");
        browser.find(".edit-profile button[type=submit]").click();
        browser.awaitText("#profile-displayName-errors", "The display name cannot be blank.");
        assertThat(browser.find("#profile-displayName").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshots("profile-edit-error");

        browser.type("#profile-displayName", "Londo of Centauri Prime");
        browser.type("#profile-bio", "Emperor, eventually.");
        browser.find(".edit-profile button[type=submit]").click();
        browser.awaitText("main h1", "Londo of Centauri Prime");
        assertThat(browser.find(".bio").getText()).isEqualTo("Emperor, eventually.");
        assertThat(browser.find(".me").getText()).contains("Londo of Centauri Prime");
        assertThat(database.queryValue("SELECT display_name FROM users WHERE handle = 'londo'", String.class))
                .isEqualTo("Londo of Centauri Prime");
        browser.screenshots("profile");
    }

    @Test
    void anUnknownHandleOrCrudIsNotFound() {
        browser.fresh("/@nobody_here");
        browser.awaitText("main h1", "Not found");
        assertThat(browser.find("main").getText()).contains("No one is called @nobody_here on Cruddur.");
        browser.screenshots("profile-not-found");

        browser.fresh("/@andrewbrown/status/" + UUID.randomUUID());
        browser.awaitText("main h1", "Not found");
        assertThat(browser.find("main").getText()).contains("This crud does not exist, or it has expired.");
    }

    @Test
    void theApiAnswering503ShowsTheMessageAndKeepsTheDraft() throws Exception {
        consoleErrorsExpected = true; // Chrome logs every 503 it receives.
        browser.fresh("/");
        signInThroughTheAuthorizePage("andrewbrown");
        browser.open("/");
        browser.awaitText(".me", "Andrew Brown");
        browser.type("#post-text", "This one waits out the outage");

        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN EXCLUSIVE MODE"); // reads go on, writes wait for the timeout
            browser.find(".composer button[type=submit]").click();
            browser.awaitText(".composer .failure", "Cruddur is not answering right now. Try again in a moment.");
            assertThat(browser.find("#post-text").getAttribute("value")).isEqualTo("This one waits out the outage");
            browser.screenshots("home-unavailable");
            connection.rollback();
        }
        browser.find(".composer .failure button").click();
        browser.await(d -> messages().get(0).equals("This one waits out the outage"));
        assertThat(browser.all(".composer .failure")).isEmpty();
    }

    @Test
    void aFeedThatCannotLoadSaysSoAndRetries() throws Exception {
        consoleErrorsExpected = true;
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            // As another instance's write would: drop the shared home-feed page, so that the feed reads the locked table.
            database.execute("NOTIFY user_changed");
            Thread.sleep(300);
            browser.fresh("/");
            browser.awaitText(".failure", "Cruddur is not answering right now.");
            assertThat(browser.find(".failure button").getText()).isEqualTo("Try again");
            browser.screenshots("home-failed");
            connection.rollback();
        }
        browser.find(".failure button").click();
        browser.awaitVisible(".cruds article.crud");
    }

    @Test
    void aCrudThatExpiresWhileShownLeavesTheList() {
        UUID author = database.queryValue("SELECT uuid FROM users WHERE handle = 'bayko'", UUID.class);
        // Long enough to be shown first on a busy machine, short enough to wait for.
        UUID crud = new TestData(database).crud(author, "Gone in a few seconds", Duration.ZERO, Duration.ofSeconds(15));
        // As every instance's insert does: notify, so that the instances drop their shared home-feed page.
        database.execute("SELECT pg_notify('activity_created', '" + crud + "')");
        browser.fresh("/");
        browser.awaitText(".cruds .message", "Gone in a few seconds");
        WebElement expiring = browser.driver().findElement(By.xpath(
                "//article[.//p[@class='message' and text()='Gone in a few seconds']]"));
        assertThat(expiring.findElement(By.cssSelector(".time-left")).getText()).matches("\\d{1,2}s");

        browser.await(d -> !messages().contains("Gone in a few seconds"), Duration.ofSeconds(20));
    }

    /** Signs in as a person does: the header's Sign in, the local issuer's authorize page, back to where they were. */
    private void signInThroughTheAuthorizePage(String handle) {
        browser.awaitVisible("nav button.primary").click();
        browser.await(d -> d.getCurrentUrl().contains("/oauth2/authorize"));
        browser.find("button[name=handle][value='" + handle + "']").click();
        browser.awaitVisible(".me");
    }

    private Map<String, Object> storedTokens() {
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = (Map<String, Object>) browser.script("return JSON.parse(localStorage.getItem('cruddur.tokens'))");
        return tokens;
    }

    private void post(String message) {
        browser.type("#post-text", message);
        browser.find(".composer button[type=submit]").click();
        browser.await(d -> messages().get(0).equals(message));
    }

    @Test
    void signInAsASeededUserThroughTheAuthorizePageAndPostACrudThatHeadsTheFeed() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");
        browser.find("nav button.primary").click();
        browser.await(d -> d.getCurrentUrl().contains("/oauth2/authorize"));
        String authorize = browser.driver().getCurrentUrl();
        assertThat(authorize).contains("response_type=code", "code_challenge=", "code_challenge_method=S256", "state=")
                .doesNotContain("verifier");
        browser.screenshots("authorize");

        browser.find("button[name=handle][value=andrewbrown]").click();
        browser.awaitText(".me", "Andrew Brown");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(server.uri("/").toString());
        assertThat(storedTokens()).containsKeys("access", "id", "refresh", "expiresAt");
        String verifierLeft = (String) browser.script("return sessionStorage.getItem('cruddur.sign-in')");
        assertThat(verifierLeft).isNull();

        post("Signed in through the authorize page");
        assertThat(browser.find(".cruds .display-name").getText()).isEqualTo("Andrew Brown");
        browser.screenshots("home-signed-in");
    }

    @Test
    void signUpANewUserAndPost() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");
        browser.driver().findElement(By.xpath("//nav//button[text()='Sign up']")).click();
        browser.await(d -> d.getCurrentUrl().contains("/oauth2/authorize"));
        browser.find("#sign-up-handle").sendKeys("newcomer");
        browser.find("#sign-up-name").sendKeys("New Comer");
        browser.find("#sign-up-email").sendKeys("newcomer@example.com");
        browser.find("form[aria-labelledby=sign-up] button[type=submit]").click();
        browser.awaitText(".me", "New Comer");

        post("Hello, I am new here");
        assertThat(database.queryValue("SELECT count(*)::int FROM users WHERE handle = 'newcomer'", Integer.class)).isEqualTo(1);
        browser.find(".me").click();
        browser.awaitText("main h1", "New Comer");
        assertThat(browser.find(".cruds-count").getText()).isEqualTo("1 Crud");
        assertThat(browser.find("button.edit").getText()).isEqualTo("Edit profile");
        assertThat(browser.script("return document.activeElement.tagName")).isEqualTo("H1");
        browser.screenshots("profile-own");
    }

    @Test
    void aDraftWrittenWhileSignedOutIsStillThereAfterSigningIn() {
        browser.fresh("/");
        browser.awaitVisible(".cruds article.crud");
        browser.type("#post-text", "Written before signing in");
        browser.find(".composer button[type=submit]").click();
        browser.awaitText(".composer .failure", "Sign in to post. What you wrote stays here.");
        browser.screenshots("home-signed-out-draft");

        browser.find(".composer .failure button").click();
        browser.await(d -> d.getCurrentUrl().contains("/oauth2/authorize"));
        browser.find("button[name=handle][value=bayko]").click();
        browser.awaitText(".me", "Andrew Bayko");
        assertThat(browser.find("#post-text").getAttribute("value")).isEqualTo("Written before signing in");
        browser.find(".composer button[type=submit]").click();
        browser.await(d -> messages().get(0).equals("Written before signing in"));
    }

    @Test
    void signingOutShowsTheSignedOutStateAndRevokesTheRefreshToken() {
        browser.fresh("/");
        signInThroughTheAuthorizePage("altbrown");
        String refreshToken = (String) storedTokens().get("refresh");

        browser.driver().findElement(By.xpath("//nav//button[text()='Sign out']")).click();
        browser.await(d -> d.getCurrentUrl().equals(server.uri("/").toString())
                && !d.findElements(By.xpath("//nav//button[text()='Sign in']")).isEmpty());
        assertThat(browser.script("return localStorage.getItem('cruddur.tokens')")).isNull();

        String clientId = RunningServer.read(server.get("/auth/config.json").body()).get("clientId").asText();
        HttpResponse<String> refreshed = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + clientId
                        + "&refresh_token=" + java.net.URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))));
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
    }

    @Test
    void aRefusedAccessTokenIsRefreshedAndTheWriteGoesThrough() {
        browser.fresh("/");
        signInThroughTheAuthorizePage("londo");
        // An access token the server refuses (as an expired or revoked one would be), though not due yet here.
        browser.script("const t = JSON.parse(localStorage.getItem('cruddur.tokens')); t.access = 'refused';"
                + "localStorage.setItem('cruddur.tokens', JSON.stringify(t));");
        post("Posted after a refresh");
        assertThat(storedTokens().get("access")).isNotEqualTo("refused");

        // One that is due is refreshed before it is sent.
        browser.script("const t = JSON.parse(localStorage.getItem('cruddur.tokens')); t.expiresAt = Date.now() - 1000;"
                + "localStorage.setItem('cruddur.tokens', JSON.stringify(t));");
        String before = (String) storedTokens().get("access");
        post("Posted after another refresh");
        assertThat(storedTokens().get("access")).isNotEqualTo(before);
    }

    @Test
    void aRefusedSignInShowsTheSignedOutStateWithAMessage() {
        consoleErrorsExpected = true; // Chrome logs the token endpoint's 400
        browser.fresh("/");
        browser.script("localStorage.setItem('cruddur.tokens', JSON.stringify("
                + "{access: 'refused', refresh: 'refused', expiresAt: Date.now() + 3600000}))");
        browser.open("/");
        browser.awaitText(".session-message", "Your session has ended. Sign in again.");
        assertThat(browser.all("nav button.primary")).hasSize(1);
        assertThat(browser.script("return localStorage.getItem('cruddur.tokens')")).isNull();
        browser.screenshots("home-session-ended");
    }

    /** The values of the schema's Ttl enum, in order, from the activity module's .graphqls. */
    private static List<String> schemaTtls() {
        try (InputStream in = WebClientBrowserTest.class.getResourceAsStream("/com/cruddur/activity/activity.graphqls")) {
            String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher ttl = Pattern.compile("enum Ttl \\{([^}]*)}").matcher(schema);
            assertThat(ttl.find()).isTrue();
            return List.of(ttl.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
