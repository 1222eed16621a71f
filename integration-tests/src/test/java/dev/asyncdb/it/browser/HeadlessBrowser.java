package dev.asyncdb.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
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
 * One headless Chromium, driven through its ChromeDriver, with a fresh profile: explicit waits for
 * what the page shows, and PNG screenshots into a folder kept as the build's test artefacts.
 */
public final class HeadlessBrowser implements AutoCloseable {
  /**
   * Headless, and quiet on the network: without the background-networking flags Chromium keeps
   * calling home (updates, sync, safe browsing), which fails slowly on a closed network.
   */
  static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
      "--window-size=1280,900");
  /** Upper bound of one wait for the page, not an expected duration: a healthy run answers in milliseconds. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path screenshots;
  private int shots;

  private HeadlessBrowser(WebDriver driver, Path screenshots) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
    this.screenshots = screenshots;
  }

  /** Starts Chromium with a new profile in {@code profile}; ChromeDriver's log goes beside it. */
  public static HeadlessBrowser start(ChromiumInstall install, Path profile, Path screenshots) throws IOException {
    Files.createDirectories(profile);
    Files.createDirectories(screenshots);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(install.driver().toFile()).usingAnyFreePort()
        .withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile()).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(install.browser().toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
    return new HeadlessBrowser(new ChromeDriver(service, options), screenshots);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits until an element is shown and returns it. */
  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until a condition of the page holds (returns non-null and not false). */
  public <T> T until(Function<WebDriver, T> condition) {
    return wait.until(condition::apply);
  }

  /** Saves what the window shows as {@code NN-name.png}; returns the file. */
  public Path screenshot(String name) {
    Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
    try {
      Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save screenshot " + file, e);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
