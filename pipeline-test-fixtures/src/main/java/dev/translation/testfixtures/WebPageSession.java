package dev.translation.testfixtures;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The submit API's web page in the system's headless Chromium, as a person uses it: open it, enter
 * a key, find elements, wait for what the page shows, collect downloads. Chromium and its driver
 * come from the system ({@code apt-get install chromium chromium-driver}); Selenium Manager is
 * never asked to download one, and a missing browser fails the test saying how to install it.
 */
public final class WebPageSession implements AutoCloseable {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final WebDriver browser;
  private final URI page;
  private final Path downloads;

  private WebPageSession(WebDriver browser, URI page, Path downloads) {
    this.browser = browser;
    this.page = page;
    this.downloads = downloads;
  }

  /**
   * A fresh browser for the page at {@code page}.
   *
   * @param profile an empty folder for the browser's profile
   * @param downloads where downloads land
   */
  public static WebPageSession start(URI page, Path profile, Path downloads) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError(
          String.format(
              "The web page tests need headless Chromium and its driver at %s and %s. On Debian or"
                  + " Ubuntu: sudo apt-get install -y --no-install-recommends chromium chromium-driver"
                  + " (.ci/run does this); elsewhere, pass -Dchromium.binary=..."
                  + " -Dwebdriver.chrome.driver=...",
              CHROMIUM, CHROMEDRIVER));
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1024",
        "--user-data-dir=" + profile);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new WebPageSession(new ChromeDriver(driver, options), page, downloads);
  }

  public WebDriver browser() {
    return browser;
  }

  /** Opens the page and waits for its script to have run. */
  public void openPage() {
    browser.get(page.toString());
    waitFor(
        "the page's script to fill in the languages",
        page -> element("source").findElements(By.tagName("option")).size() > 0);
  }

  /** Enters the API key and waits for the page to accept it. */
  public void useKey(String secret) {
    element("api-key").sendKeys(secret + Keys.ENTER);
    waitFor("the key accepted", page -> element("key-set").isDisplayed());
  }

  public WebElement element(String id) {
    return browser.findElement(By.id(id));
  }

  public List<String> texts(By selector) {
    return browser.findElements(selector).stream().map(WebElement::getText).toList();
  }

  /** Waits up to 20 s for a condition. */
  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, WAIT, condition);
  }

  /** Waits for a condition; a timeout says what was awaited and what the browser's console said. */
  public <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(browser, timeout).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited " + timeout.toSeconds() + " s for " + what + "; browser console: " + console(),
          e);
    }
  }

  /** The element's text once it has one. */
  public String textOnceShown(String id) {
    return waitFor(
        "text in #" + id,
        page -> {
          String text = element(id).getText();
          return text.isBlank() ? null : text;
        });
  }

  /** Waits for a download to finish (Chromium writes NAME.crdownload until it has). */
  public Path downloaded(String name) {
    Path file = downloads.resolve(name);
    waitFor(
        "the download of " + name,
        page -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
    return file;
  }

  public void assertNoConsoleErrors() {
    List<LogEntry> problems =
        console().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    if (!problems.isEmpty()) {
      throw new AssertionError("browser console errors and warnings: " + problems);
    }
  }

  /** What the page logged since the last call (reading the log empties it). */
  public List<LogEntry> console() {
    return browser.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() {
    browser.quit();
  }
}
