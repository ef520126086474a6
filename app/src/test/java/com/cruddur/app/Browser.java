package com.cruddur.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's chromedriver (both named explicitly, so Selenium Manager never looks
 * for or downloads anything), headless, with its console and network logs kept for the test to read.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int PHONE = 375;
    static final int DESKTOP = 1280;
    private static boolean skipNoticePrinted;

    private final ChromeDriver driver;
    private final Path profile;
    private final String origin;

    private Browser(ChromeDriver driver, Path profile, String origin) {
        this.driver = driver;
        this.profile = profile;
        this.origin = origin;
    }

    /** Skips the calling test class, with one line saying how to get Chromium, when it is not installed. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && !skipNoticePrinted) {
            skipNoticePrinted = true;
            System.out.println("browser tests skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + " (install them with: apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    /** A browser whose clock shows times in {@code timeZone}, for pages of the server at {@code origin}. */
    static Browser open(String origin, String timeZone) {
        Path profile;
        try {
            profile = Files.createTempDirectory("cruddur-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + DESKTOP + ",900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", timeZone))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, profile, origin);
    }

    WebDriver driver() {
        return driver;
    }

    /** A fresh page in a new tab: nothing stored from earlier scenarios, the logs read so far forgotten. */
    void fresh(String path) {
        String previous = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        String tab = driver.getWindowHandle();
        driver.switchTo().window(previous).close();
        driver.switchTo().window(tab);
        driver.manage().window().setSize(new Dimension(DESKTOP, 900));
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        consoleErrors();
        requestedUrls();
        open(path);
    }

    void open(String path) {
        driver.get(origin + path);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (up to 10 s) for the condition to be truthy and returns its value. */
    <T> T await(Function<WebDriver, T> condition) {
        return await(condition, Duration.ofSeconds(10));
    }

    <T> T await(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement awaitVisible(String css) {
        return await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void awaitText(String css, String text) {
        await(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Sets a text field's value as typing would (also for text that chromedriver cannot type, such as emoji). */
    void type(String css, String text) {
        WebElement field = find(css);
        script("const field = arguments[0]; field.focus(); field.value = arguments[1];"
                + "field.dispatchEvent(new Event('input', {bubbles: true}));", field, text);
    }

    /** Screenshots of the whole page at phone and desktop widths, in target/screenshots/NAME-WIDTH.png. */
    void screenshots(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {PHONE, DESKTOP}) {
                driver.manage().window().setSize(new Dimension(width, 900));
                long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
                driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 4000)));
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, SCREENSHOTS.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(new Dimension(DESKTOP, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, with the system's colour scheme dark: NAME-dark-WIDTH.png. */
    void darkScreenshots(String name) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        screenshots(name + "-dark");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** The console's errors (and CSP violations) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Every URL the page asked for since the last call (the network log). */
    List<URI> requestedUrls() {
        List<URI> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = RunningServer.read(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                urls.add(URI.create(message.at("/params/request/url").asText()));
            }
        }
        return urls;
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
