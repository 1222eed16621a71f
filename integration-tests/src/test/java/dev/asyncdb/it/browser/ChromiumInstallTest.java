package dev.asyncdb.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

/** Finding Chromium and ChromeDriver, and the skip-or-fail rule, on folders made by the test (no browser needed). */
class ChromiumInstallTest {
  @TempDir
  Path tmp;

  private Path executable(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void findsBothOnThePath() throws IOException {
    Path browser = executable(tmp.resolve("a"), "chromium-browser");
    Path driver = executable(tmp.resolve("b"), "chromedriver");
    String path = tmp.resolve("empty") + File.pathSeparator + tmp.resolve("a") + File.pathSeparator + tmp.resolve("b");
    assertThat(ChromiumInstall.find(Map.of(), path)).isEqualTo(new ChromiumInstall(browser, driver));
  }

  @Test
  void environmentVariablesComeBeforeThePath() throws IOException {
    executable(tmp.resolve("a"), "chromium");
    executable(tmp.resolve("a"), "chromedriver");
    Path browser = executable(tmp.resolve("named"), "my-chrome");
    Path driver = executable(tmp.resolve("named"), "my-driver");
    Map<String, String> env = Map.of(ChromiumInstall.BROWSER_ENV, browser.toString(), ChromiumInstall.DRIVER_ENV, driver.toString());
    assertThat(ChromiumInstall.find(env, tmp.resolve("a").toString())).isEqualTo(new ChromiumInstall(browser, driver));
  }

  @Test
  void aVariableNamingNoExecutableIsAnError() throws IOException {
    executable(tmp.resolve("a"), "chromium");
    executable(tmp.resolve("a"), "chromedriver");
    String path = tmp.resolve("a").toString();
    assertThatThrownBy(() -> ChromiumInstall.find(Map.of(ChromiumInstall.DRIVER_ENV, tmp.resolve("nope").toString()), path))
        .hasMessageContaining("CHROMEDRIVER=" + tmp.resolve("nope")).hasMessageContaining("no such file exists")
        .hasMessageContaining("unset it to search the PATH");
    Path plain = Files.writeString(tmp.resolve("plain"), "");
    assertThatThrownBy(() -> ChromiumInstall.find(Map.of(ChromiumInstall.BROWSER_ENV, plain.toString()), path))
        .hasMessageContaining("CHROME_BIN=" + plain).hasMessageContaining("not executable");
  }

  @Test
  void missingPartsDisableTheTestsOutsideCiAndFailThemUnderCi() throws IOException {
    executable(tmp.resolve("a"), "chromium");
    assertThat(ChromiumInstall.find(Map.of(), tmp.resolve("a").toString())).as("no chromedriver").isNull();
    assertThat(ChromiumInstall.find(Map.of(), null)).isNull();

    ConditionEvaluationResult skipped = ChromiumInstall.Required.evaluate(null, null);
    assertThat(skipped.isDisabled()).isTrue();
    assertThat(skipped.getReason()).get().asString().contains("apt-get install chromium chromium-driver");
    assertThatThrownBy(() -> ChromiumInstall.Required.evaluate(null, "true"))
        .hasMessageContaining("CI=true").hasMessageContaining("apt-get install chromium chromium-driver");

    ChromiumInstall install = new ChromiumInstall(tmp.resolve("a/chromium"), tmp.resolve("a/chromedriver"));
    assertThat(ChromiumInstall.Required.evaluate(install, "true").isDisabled()).isFalse();
  }
}
