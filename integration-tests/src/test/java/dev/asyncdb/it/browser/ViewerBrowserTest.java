package dev.asyncdb.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Collection;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The data viewer at {@code /__db} in a real headless Chromium against a real server: the
 * resource list, paging a collection of 45 users, sorting the whole collection from a column
 * header, editing a record (the change read back through REST), a refused edit with its inline
 * validation error (nothing changed), and the SQL console's result table and error hint.
 * Screenshots of each step land in {@code target/browser-screenshots/}.
 */
@ExtendWith(ChromiumInstall.Required.class)
class ViewerBrowserTest {
  private static final int USERS = 45;
  /** Inserted last, on page 3: a sort that only ordered the rows on screen could not bring them to the top. */
  private static final String FIRST_BY_NAME = "Aaron Abbott";
  private static final String LAST_BY_NAME = "Zoe Zimmermann";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path tmp;
  private static AsyncDbServer server;
  private static HeadlessBrowser browser;

  @BeforeAll
  static void start() throws IOException {
    Path project = tmp.resolve("basic");
    copy(Path.of(System.getProperty("asyncdb.examples")).resolve("basic"), project);
    // The example has one user; the table needs three pages of them.
    try (AsyncDb db = AsyncDb.open(project)) {
      Collection users = db.collection("users");
      for (int i = 2; i <= USERS; i++) {
        String name = i == USERS - 1 ? FIRST_BY_NAME : i == USERS ? LAST_BY_NAME : String.format("Person %02d", i);
        users.create(Map.of("id", String.format("u_%02d", i), "name", name, "email", String.format("person%02d@example.com", i),
            "role", i % 3 == 0 ? "admin" : "user"));
      }
    }
    server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0));
    browser = HeadlessBrowser.start(ChromiumInstall.find(), tmp.resolve("chromium-profile"),
        Path.of(System.getProperty("asyncdb.screenshots", "target/browser-screenshots")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openViewer() {
    browser.open(server.restUrl() + "/__db");
    browser.visible(By.cssSelector("[data-test=resource-link][data-resource=users]"));
  }

  @Test
  void listsResourcesAndPagesThroughACollection() throws Exception {
    List<String> resources = browser.driver().findElements(By.cssSelector("[data-test=resource-link]")).stream()
        .map(a -> a.getAttribute("data-resource")).toList();
    assertThat(resources).containsExactly("settings", "users");
    browser.screenshot("resources");

    openUsers();
    assertThat(text("[data-test=page-info]")).isEqualTo("1\u201320 of " + USERS);
    assertThat(browser.driver().findElements(By.cssSelector("[data-test=row]"))).hasSize(20);
    assertThat(firstCell("id")).isEqualTo(restList().get(0).get("id"));
    assertThat(button("prev").isEnabled()).isFalse();
    browser.screenshot("users-page-1");

    button("next").click();
    table(20, "");
    assertThat(text("[data-test=page-info]")).isEqualTo("21\u201340 of " + USERS);
    assertThat(firstCell("id")).isEqualTo(restList().get(20).get("id"));
    browser.screenshot("users-page-2");

    button("next").click();
    table(40, "");
    assertThat(text("[data-test=page-info]")).isEqualTo("41\u201345 of " + USERS);
    assertThat(browser.driver().findElements(By.cssSelector("[data-test=row]"))).hasSize(5);
    assertThat(button("next").isEnabled()).isFalse();
  }

  @Test
  void sortsTheWholeCollectionOnTheServer() throws Exception {
    List<String> names = restList().stream().map(u -> (String) u.get("name")).sorted(Comparator.naturalOrder()).toList();
    openUsers();
    button("next").click();
    table(20, "");

    browser.visible(By.cssSelector("[data-test=sort-name]")).click();
    table(0, "name");
    assertThat(firstCell("name")).isEqualTo(names.get(0)).isEqualTo(FIRST_BY_NAME);
    assertThat(text("[data-test=sort-name]")).endsWith("\u25b2");
    browser.screenshot("users-sorted-by-name");

    browser.visible(By.cssSelector("[data-test=sort-name]")).click();
    table(0, "-name");
    assertThat(firstCell("name")).isEqualTo(names.get(names.size() - 1)).isEqualTo(LAST_BY_NAME);
    browser.screenshot("users-sorted-by-name-descending");

    // Paging keeps the order: page 2 continues the sorted list.
    button("next").click();
    table(20, "-name");
    assertThat(firstCell("name")).isEqualTo(names.get(names.size() - 21));
  }

  @Test
  void editsARecordAndShowsAValidationErrorInline() throws Exception {
    openUsers();
    row("u_05").click();
    WebElement editor = browser.visible(By.cssSelector("[data-test=editor]"));
    assertThat(text("[data-test=editor-title]")).isEqualTo("users \u203a u_05");
    Map<String, Object> before = restRecord("u_05");
    assertThat(Json.parse(editor.getAttribute("value"))).isEqualTo(before);
    browser.screenshot("record-open");

    Map<String, Object> edited = new LinkedHashMap<>(before);
    edited.put("name", "Grace Hopper");
    type(editor, Json.pretty(edited));
    button("save").click();
    browser.visible(By.cssSelector("[data-test=edit-ok]"));
    assertThat(restRecord("u_05")).containsEntry("name", "Grace Hopper").containsEntry("email", before.get("email"));
    browser.screenshot("record-saved");

    Map<String, Object> invalid = new LinkedHashMap<>(edited);
    invalid.put("role", "superuser");
    type(editor, Json.pretty(invalid));
    button("save").click();
    WebElement error = browser.visible(By.cssSelector("[data-test=edit-error]"));
    assertThat(error.getAttribute("data-code")).isEqualTo("DB_SCHEMA_VALIDATION_FAILED");
    assertThat(error.getText()).contains("DB_SCHEMA_VALIDATION_FAILED").contains("role").contains("superuser");
    // The text stays as typed so it can be fixed; the stored record did not change.
    assertThat(Json.parse(editor.getAttribute("value"))).isEqualTo(invalid);
    assertThat(restRecord("u_05")).containsEntry("role", before.get("role")).containsEntry("name", "Grace Hopper");
    browser.screenshot("record-validation-error");

    // Back to the table: the edit shows there too.
    browser.visible(By.cssSelector("[data-test=back]")).click();
    table(0, "");
    assertThat(row("u_05").getText()).contains("Grace Hopper");
  }

  @Test
  void runsSqlAndShowsTheErrorWithItsHint() throws Exception {
    browser.visible(By.cssSelector("[data-test=open-sql]")).click();
    WebElement sql = browser.visible(By.cssSelector("[data-test=sql]"));
    type(sql, "select role, count(*) as n from users group by role order by role");
    button("run-sql").click();
    WebElement result = browser.visible(By.cssSelector("[data-test=sql-result]"));
    long admins = restList().stream().filter(u -> "admin".equals(u.get("role"))).count();
    List<String> rows = result.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
    assertThat(rows).containsExactly("admin " + admins, "user " + (USERS - admins));
    assertThat(result.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).map(String::toLowerCase).toList())
        .containsExactly("role", "n");
    browser.screenshot("sql-result");

    type(sql, "select nosuchcolumn from users");
    button("run-sql").click();
    WebElement error = browser.visible(By.cssSelector("[data-test=sql-error]"));
    assertThat(error.getText()).containsIgnoringCase("nosuchcolumn");
    assertThat(error.findElement(By.cssSelector("[data-test=hint]")).getText()).startsWith("Hint: ").hasSizeGreaterThan("Hint: ".length() + 10);
    browser.screenshot("sql-error");
  }

  @Test
  void runsAGraphQlQuery() throws Exception {
    browser.visible(By.cssSelector("[data-test=open-graphql]")).click();
    WebElement query = browser.visible(By.cssSelector("[data-test=graphql]"));
    type(query, "{ user(id: \"u_05\") { id name } }");
    button("run-graphql").click();
    WebElement result = browser.visible(By.cssSelector("[data-test=graphql-result]"));
    assertThat(Json.parse(result.getText())).isEqualTo(Map.of("user", Map.of("id", "u_05", "name", restRecord("u_05").get("name"))));
    browser.screenshot("graphql-result");

    type(query, "{ user { id } }");
    button("run-graphql").click();
    assertThat(browser.visible(By.cssSelector("[data-test=graphql-out] [data-test=hint]")).getText()).startsWith("Hint: ");
    assertThat(text("[data-test=graphql-out]")).contains("GRAPHQL_MISSING_ID_ARGUMENT");
  }

  private void openUsers() {
    browser.visible(By.cssSelector("[data-test=resource-link][data-resource=users]")).click();
    table(0, "");
  }

  /** Waits for the collection table showing the page at {@code offset} in {@code order} ("" = insertion order). */
  private WebElement table(int offset, String order) {
    return browser.visible(By.cssSelector("[data-test=collection-table][data-offset='" + offset + "'][data-order='" + order + "']"));
  }

  private WebElement button(String test) {
    return browser.visible(By.cssSelector("[data-test=" + test + "]"));
  }

  private String text(String css) {
    return browser.visible(By.cssSelector(css)).getText();
  }

  private String firstCell(String column) {
    return browser.visible(By.cssSelector("[data-test=row]:first-child td[data-column=" + column + "]")).getText();
  }

  private WebElement row(String id) {
    return browser.until(d -> d.findElements(By.cssSelector("[data-test=row]")).stream()
        .filter(r -> r.findElement(By.cssSelector("td[data-column=id]")).getText().equals(id)).findFirst().orElse(null));
  }

  /** Replaces a text field's content the way a user does: select all, type. */
  private static void type(WebElement field, String text) {
    field.clear();
    field.sendKeys(text);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> restList() throws Exception {
    return (List<Map<String, Object>>) Json.parse(get("/db/users").body());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> restRecord(String id) throws Exception {
    HttpResponse<String> r = get("/db/users/" + id);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return (Map<String, Object>) Json.parse(r.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.restUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
