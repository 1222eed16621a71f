package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server, two projects ({@code app}: users, posts, settings; {@code shop}: orders), four users:
 * ada (every project, an old-style line), alice (app only), bob (app read-only, shop read-write)
 * and carl (app and shop). Real remote JDBC clients — ours and Avatica's own driver — and HTTP over
 * sockets on 127.0.0.1: who reaches which project, and that a connection never sees another's tables.
 */
class MultiProjectTest {
  @TempDir
  static Path tmp;
  static Users users;
  static AsyncDbServer server;

  @BeforeAll
  static void start() throws Exception {
    Path usersFile = tmp.resolve("users.txt");
    Files.writeString(usersFile, Users.of("ada", "ada-pass").with("alice", "alice-pass").with("bob", "bob-pass").with("carl", "carl-pass")
        .toFileText()
        .replaceFirst("(?m)^(alice:\\S+)$", "$1 projects=app")
        .replaceFirst("(?m)^(bob:\\S+)$", "$1 projects=app:read-only,shop")
        .replaceFirst("(?m)^(carl:\\S+)$", "$1 write projects=app,shop"));
    users = Users.load(usersFile);
    server = AsyncDbServer.start(config(users));
  }

  /** Fresh copies of both projects, so that every server has its own. */
  static ServerConfig config(Users u) throws IOException {
    Map<String, Path> projects = new LinkedHashMap<>();
    projects.put("app", Projects.copy("data-first", Files.createTempDirectory(tmp, "app")));
    projects.put("shop", shop(tmp));
    return ServerConfig.forProjects(projects).withPort(0).withRestPort(0).withUsers(u);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Path shop(Path into) {
    try {
      Path project = into.resolve("shop-" + System.nanoTime());
      Files.createDirectories(project.resolve("db"));
      Files.writeString(project.resolve("db/orders.json"), "[{\"id\":\"o_1\",\"total\":10},{\"id\":\"o_2\",\"total\":32}]");
      return project;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Connection connect(String user, String project) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";user=" + user + ";password=" + user + "-pass" + (project == null ? "" : ";project=" + project));
  }

  private static String sqlState(Throwable e) {
    return e instanceof AvaticaClientRuntimeException a ? a.getSqlState() : ((SQLException) e).getSQLState();
  }

  @Test
  void aUserGrantedBothProjectsReachesEachByName() throws Exception {
    try (Connection app = connect("carl", "app"); Connection shop = connect("carl", "shop")) {
      assertThat(RemoteQueryTest.column(app, "select count(*) from users")).containsExactly("2");
      assertThat(RemoteQueryTest.column(shop, "select sum(total) from orders")).containsExactly("42");
    }
    assertThat(server.jdbcUrl("shop")).isEqualTo(server.jdbcUrl() + ";project=shop");
    try (Connection shop = DriverManager.getConnection(server.jdbcUrl("shop"), "carl", "carl-pass")) {
      assertThat(RemoteQueryTest.column(shop, "select id from orders order by id")).containsExactly("o_1", "o_2");
    }
  }

  @Test
  void withTwoProjectsAConnectionMustNameOneAndIsToldWhichItMayUse() {
    assertThatThrownBy(() -> connect("carl", null))
        .hasMessageContaining("This server serves several projects and the connection names none. Projects carl may use: app, shop.")
        .hasMessageContaining(";project=NAME")
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28000"));
    assertThatThrownBy(() -> connect("alice", null))
        .hasMessageContaining("Projects alice may use: app.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shop"));
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void anUnknownProjectIsRefusedNamingTheProjectsTheUserMayUse() {
    assertThatThrownBy(() -> connect("ada", "payroll"))
        .hasMessageContaining("This server serves no project \"payroll\". Projects ada may use: app, shop.")
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28000"));
  }

  @Test
  void aUserOfProjectANamingProjectBIsRefusedWithoutLearningWhetherItExists() {
    assertThatThrownBy(() -> connect("alice", "shop"))
        .hasMessageContaining("User alice may not use project \"shop\". Projects alice may use: app.")
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28000"));
    // A project that does not exist gets the same answer, so the refusal tells nothing about what else is served.
    assertThatThrownBy(() -> connect("alice", "payroll"))
        .hasMessageContaining("User alice may not use project \"payroll\". Projects alice may use: app.");
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void avaticasOwnDriverChoosesTheProjectWithTheSameProperty() throws Exception {
    String url = "jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf;authentication=BASIC;avatica_user=alice;avatica_password=alice-pass";
    Properties app = new Properties();
    app.setProperty("project", "app");
    try (Connection c = DriverManager.getConnection(url, app)) {
      assertThat(RemoteQueryTest.column(c, "select count(*) from posts")).containsExactly("2");
    }
    Properties shop = new Properties();
    shop.setProperty("project", "shop");
    assertThatThrownBy(() -> DriverManager.getConnection(url, shop))
        .isInstanceOf(AvaticaClientRuntimeException.class)
        .hasMessageContaining("User alice may not use project \"shop\"")
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28000"));
  }

  @Test
  void readOnlyOnOneProjectAndWritingOnTheOther() throws Exception {
    try (Connection app = connect("bob", "app")) {
      assertThat(RemoteQueryTest.column(app, "select count(*) from users")).containsExactly("2");
      assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from posts"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    }
    try (Connection shop = connect("bob", "shop")) {
      assertThat(shop.createStatement().executeUpdate("insert into orders (id, total) values ('o_b', 0)")).isEqualTo(1);
      assertThat(shop.createStatement().executeUpdate("delete from orders where id = 'o_b'")).isEqualTo(1);
    }
  }

  /** Everything a connection can name — tables, schema-qualified names, JDBC metadata, the meta schema — is its own project's. */
  @Test
  void aConnectionNeverSeesAnotherProjectsTables() throws Exception {
    try (Connection app = connect("carl", "app"); Connection shop = connect("carl", "shop")) {
      for (String sql : List.of("select * from orders", "select * from db.orders", "select * from \"db\".\"orders\"")) {
        assertThatThrownBy(() -> RemoteQueryTest.column(app, sql)).as(sql)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
      }
      assertThatThrownBy(() -> RemoteQueryTest.column(shop, "select * from db.users"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
      assertThat(tables(app.getMetaData())).contains("users", "posts", "settings").doesNotContain("orders");
      assertThat(tables(shop.getMetaData())).contains("orders").doesNotContain("users", "posts", "settings");
      assertThat(schemas(app.getMetaData())).isEqualTo(schemas(shop.getMetaData()));
      try (ResultSet rs = app.getMetaData().getColumns(null, null, "orders", "%")) {
        assertThat(rs.next()).isFalse();
      }
      assertThat(RemoteQueryTest.column(app, "select name from meta.resources order by name")).containsExactly("posts", "settings", "users");
      assertThat(RemoteQueryTest.column(shop, "select name from meta.resources")).containsExactly("orders");
      assertThat(RemoteQueryTest.column(shop, "select distinct resource from meta.fields")).containsExactly("orders");
    }
  }

  private static List<String> tables(DatabaseMetaData md) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }

  private static List<String> schemas(DatabaseMetaData md) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_CATALOG") + "." + rs.getString("TABLE_SCHEM"));
      }
    }
    return out;
  }

  @Test
  void eachProjectsLockTellsASecondWriterTheServersAddressWithTheProjectsName() {
    assertThatThrownBy(() -> dev.asyncdb.engine.AsyncDb.open(server.config().projects().get("shop")))
        .hasMessageContaining("serving it at " + server.url() + ";project=shop");
  }

  /** On a server of its own: the file watcher reloads too, and a reload must not race the other tests' writes. */
  @Test
  void eachProjectReloadsOnItsOwn() throws Exception {
    try (AsyncDbServer own = AsyncDbServer.start(config(Users.none()))) {
      Path shopFolder = own.config().projects().get("shop");
      Files.writeString(shopFolder.resolve("db/refunds.json"), "[{\"id\":\"r_1\"}]");
      own.reloadProject("shop");
      try (Connection shop = DriverManager.getConnection(own.jdbcUrl("shop")); Connection app = DriverManager.getConnection(own.jdbcUrl("app"))) {
        assertThat(RemoteQueryTest.column(shop, "select id from refunds")).containsExactly("r_1");
        assertThatThrownBy(() -> RemoteQueryTest.column(app, "select id from refunds"))
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
      }
      assertThatThrownBy(() -> own.reloadProject("payroll")).hasMessageContaining("this server serves app, shop");
    }
  }

  /** Without users (loopback) every connection may use every project; it still has to name one. */
  @Test
  void withoutUsersEveryProjectIsOpenToEveryConnection() throws Exception {
    try (AsyncDbServer open = AsyncDbServer.start(config(Users.none()))) {
      try (Connection app = DriverManager.getConnection(open.jdbcUrl("app")); Connection shop = DriverManager.getConnection(open.jdbcUrl("shop"))) {
        assertThat(RemoteQueryTest.column(app, "select count(*) from users")).containsExactly("2");
        assertThat(shop.createStatement().executeUpdate("insert into orders (id, total) values ('o_n', 5)")).isEqualTo(1);
      }
      assertThatThrownBy(() -> DriverManager.getConnection(open.jdbcUrl()))
          .hasMessageContaining("This server serves several projects and the connection names none. Projects you may use: app, shop.");
      HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(open.restUrl() + "/__db/projects")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(list.body()).contains("app", "shop");
    }
  }

  @Test
  void aUserOverTheirOwnConnectionLimitIsRefusedWhileOthersStillConnect() throws Exception {
    Limits limits = Limits.defaults().withMaxConnections(3).withMaxConnectionsPerUser(2);
    try (AsyncDbServer limited = AsyncDbServer.start(config(users).withLimits(limits))) {
      String url = limited.jdbcUrl();
      try (Connection app = DriverManager.getConnection(url + ";project=app", "carl", "carl-pass");
          Connection shop = DriverManager.getConnection(url + ";project=shop", "carl", "carl-pass")) {
        assertThat(limited.openConnections("carl")).as("counted over every project").isEqualTo(2);
        assertThatThrownBy(() -> DriverManager.getConnection(url + ";project=app", "carl", "carl-pass"))
            .hasMessageContaining("User carl has 2 open connections, the limit per user (--max-connections-per-user 2)")
            .satisfies(e -> assertThat(sqlState(e)).isEqualTo("08004"));
        try (Connection other = DriverManager.getConnection(url + ";project=app", "alice", "alice-pass")) {
          assertThat(RemoteQueryTest.column(other, "select count(*) from users")).containsExactly("2");
          // The total limit still applies, to a user under their own.
          assertThatThrownBy(() -> DriverManager.getConnection(url + ";project=app", "alice", "alice-pass"))
              .hasMessageContaining("The server has 3 open connections, its limit (--max-connections)")
              .satisfies(e -> assertThat(sqlState(e)).isEqualTo("08004"));
        }
        shop.close();
        try (Connection again = DriverManager.getConnection(url + ";project=shop", "carl", "carl-pass")) {
          assertThat(RemoteQueryTest.column(again, "select count(*) from orders")).containsExactly("2");
        }
      }
      assertThat(limited.openConnections("carl")).isZero();
      assertThat(limited.openConnections()).isZero();
    }
  }

  /** A single-project server behaves as before; a user whose grant leaves out its project learns nothing of it. */
  @Test
  void aSingleProjectServerNeedsNoProjectNameAndHidesItFromUsersWithoutAGrant() throws Exception {
    ServerConfig config = ServerConfig.forProjects(Map.of("shop", shop(tmp))).withPort(0).withRestPort(0).withUsers(users);
    try (AsyncDbServer single = AsyncDbServer.start(config)) {
      assertThat(single.jdbcUrl("shop")).isEqualTo(single.jdbcUrl());
      try (Connection c = DriverManager.getConnection(single.jdbcUrl(), "carl", "carl-pass")) {
        assertThat(RemoteQueryTest.column(c, "select count(*) from orders")).containsExactly("2");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(single.jdbcUrl(), "alice", "alice-pass"))
          .hasMessageContaining("User alice may not use the project this server serves. User alice may use no project of this server.")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shop"))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28000"));
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/db/orders", "/__db/projects/shop/db/orders")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(single.restUrl() + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("carl:carl-pass".getBytes(StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.body()).contains("o_1");
      }
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(single.restUrl() + "/db/orders"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-pass".getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("AUTH_PROJECT_NOT_GRANTED").doesNotContain("shop");
    }
  }

  @Test
  void aBareFolderIsNamedAfterItselfBesideNamedProjects() throws Exception {
    Path bare = shop(tmp);
    try (AsyncDbServer mixed = AsyncDbServer.start(ServerConfig.forProject(bare).withProject("app", Projects.copy("data-first",
        Files.createTempDirectory(tmp, "mixed"))).withPort(0))) {
      assertThat(mixed.projectNames()).containsExactly(bare.getFileName().toString(), "app");
      try (Connection c = DriverManager.getConnection(mixed.jdbcUrl(bare.getFileName().toString()))) {
        assertThat(RemoteQueryTest.column(c, "select count(*) from orders")).containsExactly("2");
      }
    }
  }

  @Test
  void oneFolderServedUnderTwoNamesIsRefused() throws Exception {
    Path folder = shop(tmp);
    assertThatThrownBy(() -> AsyncDbServer.start(ServerConfig.forProjects(Map.of("a", folder)).withProject("b", folder.resolve("../"
        + folder.getFileName())).withPort(0)))
        .isInstanceOfSatisfying(dev.asyncdb.engine.DbException.class, e -> assertThat(e.code()).isEqualTo("SERVER_PROJECT_SERVED_TWICE"))
        .hasMessageContaining("Projects \"a\" and \"b\" are the same folder " + folder.toAbsolutePath().normalize());
    assertThatThrownBy(() -> ServerConfig.forProject(folder).withProject("no good", folder))
        .hasMessageContaining("project name \"no good\" is not valid");
    assertThatThrownBy(() -> ServerConfig.forProjects(Map.of("a", folder)).withProject("a", folder))
        .hasMessageContaining("project \"a\" is already served");
  }

  @Test
  void grantsForProjectsTheServerDoesNotServeAreAWarning() throws Exception {
    Path usersFile = tmp.resolve("warn-users.txt");
    Files.writeString(usersFile, users.toFileText().replace("projects=app,shop", "projects=app,payroll"));
    try (AsyncDbServer warned = AsyncDbServer.start(config(Users.load(usersFile)))) {
      assertThat(warned.warnings()).contains("User carl is granted project payroll, which this server does not serve (it serves app, shop).");
    }
  }

  // --- REST and the viewer ---

  private static HttpResponse<String> http(String user, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.restUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)));
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(HttpResponse<String> r) {
    return (Map<String, Object>) ((Map<String, Object>) Json.parse(r.body())).get("error");
  }

  @Test
  void restServesEveryProjectUnderItsNameAndRefusesProjectsNotGranted() throws Exception {
    HttpResponse<String> mine = http("alice", "GET", "/__db/projects/app/db/users", null);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("Ada Lovelace");

    HttpResponse<String> theirs = http("alice", "GET", "/__db/projects/shop/db/orders", null);
    assertThat(theirs.statusCode()).isEqualTo(403);
    assertThat(error(theirs)).containsEntry("code", "AUTH_PROJECT_NOT_GRANTED")
        .containsEntry("message", "User alice may not use project \"shop\". Projects alice may use: app.");
    assertThat((String) error(theirs).get("hint")).contains("/__db/projects/app/");
    HttpResponse<String> unknownToHer = http("alice", "GET", "/__db/projects/payroll/db/x", null);
    assertThat(unknownToHer.statusCode()).as("the same answer whether or not the project exists").isEqualTo(403);
    assertThat(http("alice", "GET", "/__db/projects/shop/__db/schema", null).statusCode()).isEqualTo(403);
    assertThat(http("alice", "POST", "/__db/projects/shop/__db/sql", "{\"sql\":\"select * from orders\"}").statusCode()).isEqualTo(403);

    HttpResponse<String> unknown = http("ada", "GET", "/__db/projects/payroll/db/x", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).containsEntry("code", "SERVER_PROJECT_UNKNOWN");

    HttpResponse<String> unnamed = http("carl", "GET", "/db/users", null);
    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(error(unnamed)).containsEntry("code", "SERVER_PROJECT_REQUIRED");
    assertThat((String) error(unnamed).get("message")).contains("Projects carl may use: app, shop.");
    assertThat(http("carl", "GET", "/__db", null).statusCode()).isEqualTo(400);

    assertThat(http(null, "GET", "/__db/projects/app/db/users", null).statusCode()).as("credentials still required").isEqualTo(401);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theProjectListShowsOnlyTheUsersProjects() throws Exception {
    HttpResponse<String> alice = http("alice", "GET", "/__db/projects", null);
    assertThat(alice.statusCode()).isEqualTo(200);
    List<?> hers = (List<?>) ((Map<?, ?>) Json.parse(alice.body())).get("projects");
    assertThat(hers).hasSize(1);
    assertThat((Map<Object, Object>) hers.get(0)).containsEntry("name", "app").containsEntry("rest", "/__db/projects/app/db")
        .containsEntry("viewer", "/__db/projects/app/__db").containsEntry("readOnly", false);
    assertThat(alice.body()).doesNotContain("shop");
    HttpResponse<String> bob = http("bob", "GET", "/", null);
    List<?> his = (List<?>) ((Map<?, ?>) Json.parse(bob.body())).get("projects");
    assertThat(his).extracting(p -> ((Map<?, ?>) p).get("name") + ":" + ((Map<?, ?>) p).get("readOnly")).containsExactly("app:true", "shop:false");
    assertThat(http("bob", "POST", "/__db/projects", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void restWritesFollowThePerProjectMode() throws Exception {
    HttpResponse<String> refused = http("bob", "POST", "/__db/projects/app/db/users", "{\"name\":\"W\",\"email\":\"w@example.com\",\"role\":\"user\"}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(error(refused)).containsEntry("code", "AUTH_READ_ONLY");
    assertThat((String) error(refused).get("message")).contains("bob may only read project app");
    HttpResponse<String> console = http("bob", "POST", "/__db/projects/app/__db/sql", "{\"sql\":\"delete from posts\"}");
    assertThat(console.body()).contains("25006");

    HttpResponse<String> created = http("bob", "POST", "/__db/projects/shop/db/orders", "{\"id\":\"o_r\",\"total\":1}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/__db/projects/shop/orders/o_r");
    assertThat(http("bob", "GET", created.headers().firstValue("Location").orElseThrow(), null).statusCode()).isEqualTo(200);
    assertThat(http("bob", "DELETE", "/__db/projects/shop/db/orders/o_r", null).statusCode()).isEqualTo(204);
  }

  @Test
  void graphQlServesEachProjectWithItsGrants() throws Exception {
    // bob reads app and writes shop; alice may use app only.
    HttpResponse<String> orders = http("bob", "POST", "/__db/projects/shop/graphql", "{\"query\":\"{ orders { id } }\"}");
    assertThat(orders.statusCode()).isEqualTo(200);
    assertThat(orders.body()).contains("\"orders\"").doesNotContain("errors");
    HttpResponse<String> noOrdersInApp = http("bob", "POST", "/__db/projects/app/graphql", "{\"query\":\"{ orders { id } }\"}");
    assertThat(noOrdersInApp.body()).as("app's schema has no orders").contains("errors");
    HttpResponse<String> readOnly = http("bob", "POST", "/__db/projects/app/graphql",
        "{\"query\":\"mutation { deleteUser(id: \\\"u_1\\\") }\"}");
    assertThat(readOnly.body()).contains("AUTH_READ_ONLY").contains("\"data\":null");
    assertThat(http("bob", "GET", "/__db/projects/app/db/users/u_1", null).statusCode()).as("nothing deleted").isEqualTo(200);
    assertThat(http("alice", "POST", "/__db/projects/shop/graphql", "{\"query\":\"{ orders { id } }\"}").statusCode()).isEqualTo(403);
    assertThat(http("alice", "GET", "/__db/projects/app/graphql", null).body()).contains("type Query");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theViewerAndItsRoutesServeEachProject() throws Exception {
    HttpResponse<String> page = http("carl", "GET", "/__db/projects/shop/__db", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    HttpResponse<String> schema = http("carl", "GET", "/__db/projects/shop/__db/schema", null);
    assertThat(schema.body()).contains("orders").doesNotContain("\"users\"");
    HttpResponse<String> root = http("carl", "GET", "/__db/projects/shop/", null);
    Map<?, ?> discovery = (Map<?, ?>) Json.parse(root.body());
    assertThat(discovery.get("viewer")).isEqualTo("/__db/projects/shop/__db");
    assertThat((Map<Object, Object>) ((Map<?, ?>) discovery.get("links")).get("resources")).containsEntry("orders", "/__db/projects/shop/db/orders");
    HttpResponse<String> sql = http("carl", "POST", "/__db/projects/app/__db/sql", "{\"sql\":\"select count(*) as n from users\"}");
    assertThat(sql.body()).contains("\"rows\"").contains("2");
    HttpResponse<String> batch = http("carl", "POST", "/__db/projects/shop/__db/batch",
        "[{\"method\":\"GET\",\"path\":\"/db/orders/o_1\"},{\"method\":\"GET\",\"path\":\"/db/users\"}]");
    List<?> items = (List<?>) Json.parse(batch.body());
    assertThat(String.valueOf(((Map<?, ?>) items.get(0)).get("status"))).isEqualTo("200");
    assertThat(String.valueOf(((Map<?, ?>) items.get(1)).get("status"))).as("a batch stays in its project").isEqualTo("404");
  }
}
