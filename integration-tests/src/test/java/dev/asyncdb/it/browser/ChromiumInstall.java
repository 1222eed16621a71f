package dev.asyncdb.it.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The installed Chromium and its ChromeDriver, which the browser tests drive. Each is named by an
 * environment variable ({@value #BROWSER_ENV}, {@value #DRIVER_ENV}) or found on the {@code PATH};
 * nothing is ever downloaded (Selenium Manager never runs: both paths are always given to
 * Selenium). Without them, browser tests are disabled with one line saying how to install them —
 * except under CI ({@code CI=true}), where they fail: CI must never pass by skipping.
 *
 * @param browser the Chromium (or Chrome) executable
 * @param driver the ChromeDriver executable of the same version
 */
public record ChromiumInstall(Path browser, Path driver) {
  static final String BROWSER_ENV = "CHROME_BIN";
  static final String DRIVER_ENV = "CHROMEDRIVER";
  static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
  static final List<String> DRIVER_NAMES = List.of("chromedriver");
  static final String HOW = "Browser tests skipped: Chromium and ChromeDriver were not found on the PATH. Enable them with "
      + "apt-get install chromium chromium-driver (or set " + BROWSER_ENV + " and " + DRIVER_ENV + "; see TESTING.md).";

  /** The installation of this machine, or null when either part is missing; a variable naming a missing file is an error. */
  public static ChromiumInstall find() {
    return find(System.getenv(), System.getenv("PATH"));
  }

  static ChromiumInstall find(Map<String, String> env, String path) {
    Path browser = locate(env, BROWSER_ENV, BROWSER_NAMES, path, "the Chromium browser");
    Path driver = locate(env, DRIVER_ENV, DRIVER_NAMES, path, "ChromeDriver");
    return browser == null || driver == null ? null : new ChromiumInstall(browser, driver);
  }

  private static Path locate(Map<String, String> env, String variable, List<String> names, String path, String what) {
    String named = env.get(variable);
    if (named != null && !named.isBlank()) {
      Path p = Path.of(named);
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new IllegalStateException(variable + "=" + named + " should name " + what + " executable, but "
            + (Files.exists(p) ? "that file is not executable" : "no such file exists") + ". Point " + variable
            + " at the installed one, or unset it to search the PATH for " + names + ".");
      }
      return p;
    }
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path p = dir.isEmpty() ? null : Path.of(dir, name);
        if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Disables browser tests where Chromium is missing, once saying how to enable them; fails them under CI. */
  public static final class Required implements ExecutionCondition {
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      ConditionEvaluationResult result = evaluate(find(), System.getenv("CI"));
      if (result.isDisabled() && TOLD.compareAndSet(false, true)) {
        System.err.println(HOW);
      }
      return result;
    }

    static ConditionEvaluationResult evaluate(ChromiumInstall install, String ci) {
      if (install != null) {
        return ConditionEvaluationResult.enabled("Chromium " + install.browser() + " with " + install.driver());
      }
      if ("true".equalsIgnoreCase(ci)) {
        throw new IllegalStateException("CI=true but Chromium and ChromeDriver were not found: browser tests must run under CI. "
            + ".ci/run installs them with apt-get install chromium chromium-driver; or set " + BROWSER_ENV + " and " + DRIVER_ENV + ".");
      }
      return ConditionEvaluationResult.disabled(HOW);
    }
  }
}
