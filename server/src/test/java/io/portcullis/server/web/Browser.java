package io.portcullis.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by its ChromeDriver: a browser of its own (own profile, own
 * cookies), like a second person at another computer. Without the two programs the test is skipped
 * with a message, except under {@code CI=true}, where a missing browser fails the build.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots land here, for review by people. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(String base, int width) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("portcullis-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The machine has no network beyond localhost: Chromium's own background traffic only fails slowly.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + ",900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        if (width < 500) {
            // Headless windows are at least 500 px wide: a phone's viewport is emulated instead.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** A new browser with a desktop-sized window, or the test is skipped (outside CI) when there is none. */
    public static Browser open(String baseUrl) {
        return open(baseUrl, 1280);
    }

    /** A new browser whose window is {@code width} CSS pixels wide (360: a small phone). */
    public static Browser open(String baseUrl, int width) {
        requireInstalled();
        return new Browser(baseUrl, width);
    }

    static void requireInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (apt-get install chromium chromium-driver)");
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the server ({@code /sign-in}). */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Waits until the page's path (without query) is {@code path}. */
    public Browser awaitPath(String path) {
        new WebDriverWait(driver, PATIENCE).withMessage(() -> "expected " + path + ", at " + path())
                .until(d -> path().split("\\?")[0].equals(path));
        return this;
    }

    /** The element, once it is visible. */
    public WebElement find(By by) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement find(String css) {
        return find(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Types into the input that the label with this text names: inputs are found as a person finds them. */
    public Browser fill(String label, String text) {
        WebElement input = find(By.xpath("//label[normalize-space(.)='" + label + "']"));
        WebElement target = driver.findElement(By.id(input.getAttribute("for")));
        target.clear();
        target.sendKeys(text);
        return this;
    }

    /** Clicks the button with this text. */
    public Browser press(String buttonText) {
        find(By.xpath("//button[normalize-space(.)='" + buttonText + "']")).click();
        return this;
    }

    /** Waits until the element's text contains {@code text}. */
    public Browser awaitText(String css, String text) {
        new WebDriverWait(driver, PATIENCE).withMessage(() -> "expected '" + text + "' in " + css + ", page: " + driver.getPageSource())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return this;
    }

    /** Waits until the element's text no longer contains {@code text}. */
    public Browser awaitNoText(String css, String text) {
        new WebDriverWait(driver, PATIENCE).withMessage(() -> "expected no '" + text + "' in " + css + ", page: " + driver.getPageSource())
                .until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text)));
        return this;
    }

    /** Writes a PNG of the window to {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the system cleans it up eventually
            }
        }
    }
}
