package org.dqms.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for page tests: Debian's chromium, headless, through Debian's chromedriver. Both
 * are named by path, so Selenium never tries to download a browser or a driver; without them the
 * test fails, saying what to install. One Browser is one person: its own profile and cookies.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("dqms.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("dqms.chromedriver", "/usr/bin/chromedriver");

    /** A phone and a desktop screen, in CSS pixels. */
    public static final Dimension PHONE = new Dimension(412, 915);

    public static final Dimension DESKTOP = new Dimension(1366, 900);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    public static Browser open(String baseUrl, Dimension size) {
        for (String path : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(path).canExecute()) {
                throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver), as .ci/run does");
            }
        }
        try {
            Path profile = Files.createTempDirectory("dqms-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--autoplay-policy=no-user-gesture-required",
                    "--user-data-dir=" + profile,
                    "--window-size=" + size.getWidth() + "," + size.getHeight());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), baseUrl, profile);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks the element, finding it again if a live update replaced it between finding and
     * clicking, as a person's click would land on whatever is there.
     */
    public void click(String css) {
        await(Duration.ofSeconds(5), d -> {
            try {
                find(css).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /**
     * Waits until the condition holds; fails after the timeout. An element the condition read while
     * the page was being replaced counts as not yet: ChromeDriver reports it as stale, or, in the
     * middle of the navigation, as a node that does not belong to the document.
     */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /** Signs in through the sign-in page; the browser then holds the session cookies. */
    public Browser signIn(String email, String password) {
        go("/sign-in");
        find("#email").sendKeys(email);
        find("#password").sendKeys(password);
        find("form[action='/sign-in'] button[type=submit]").click();
        await(Duration.ofSeconds(10), d -> !d.getCurrentUrl().contains("/sign-in"));
        return this;
    }

    /** A PNG of the whole window. */
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // A temporary directory; the OS cleans it eventually.
            }
        }
    }
}
