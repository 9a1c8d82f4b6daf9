package org.ecowatch.alerts.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.ecowatch.ingest.testing.Services;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web console (docs/CONSOLE.md) in Debian's headless Chromium, driven by Selenium through Debian's chromedriver
 * (both from apt; Selenium downloads nothing). Skips the test when they are missing, fails it in CI
 * ({@code ECOWATCH_REQUIRE_SERVICES=true}). The browser's clock runs in China time, as the users' does.
 *
 * <pre>{@code
 * try (ConsoleBrowser browser = ConsoleBrowser.open(leadService.url())) {
 *     browser.signIn("demo-station-token", "#/station");
 *     browser.find(".lead-card[data-enterprise=ent-009]");
 * }
 * }</pre>
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Dimension DESKTOP = new Dimension(1440, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    /** Where the screenshots of docs/CONSOLE.md go: the repository's docs/console (tests run in the module). */
    public static final Path SCREENSHOTS = Path.of("../docs/console");

    private final ChromeDriver driver;
    private final String baseUrl;
    private Dimension viewport = DESKTOP;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Whether Debian's chromium and chromedriver are installed. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static ConsoleBrowser open(String baseUrl) {
        Services.assumeOrFail(installed(), "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1440,900", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=zh-CN", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
                .usingAnyFreePort()
                .build();
        ConsoleBrowser browser = new ConsoleBrowser(new ChromeDriver(service, options), baseUrl);
        browser.size(DESKTOP);
        return browser;
    }

    /** Opens a console page (e.g. {@code #/station}) in a fresh tab state: signed out, Chinese. */
    public void signIn(String token, String page) {
        driver.get(baseUrl + "/health"); // another document of the origin: the console loads afresh below
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(baseUrl + "/" + page);
        type(find("#token"), token);
        find("#sign-in").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector("#sign-out:not([hidden])")).isEmpty());
    }

    public void go(String page) {
        driver.get(baseUrl + "/" + page);
    }

    /** The element, once it is there (up to 15 s). */
    public WebElement find(String css) {
        return await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(css)), e -> e != null);
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** The element's text; read again when a live update replaced the element meanwhile. */
    public String text(String css) {
        return await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(css)).getText(), text -> text != null);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    /** The page's viewport, exactly (the window's frame would take its share): a phone's is a mobile viewport. */
    public void size(Dimension size) {
        viewport = size;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(),
                "height", size.getHeight(), "deviceScaleFactor", 1, "mobile", size.getWidth() < 600));
    }

    /**
     * A PNG of the page at the window's width: the whole page (up to {@code maxHeight}) with the window stretched to
     * hold it, so that charts lay out as they would on a tall screen; on a phone, {@code maxHeight} is the screen.
     */
    public Path screenshot(String name, int maxHeight) {
        Dimension screen = viewport;
        try {
            script("window.scrollTo(0, 0)");
            Thread.sleep(300);
            long height = ((Number) script("return Math.min(document.documentElement.scrollHeight, arguments[0])", maxHeight)).longValue();
            size(new Dimension(screen.getWidth(), (int) Math.max(height, screen.getHeight())));
            Thread.sleep(700); // charts follow the resize
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            size(screen);
        }
    }

    /** The console's messages about missing bundle keys since the last call (i18n.js warns "no message for …"). */
    public List<String> missingMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("no message for")).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
