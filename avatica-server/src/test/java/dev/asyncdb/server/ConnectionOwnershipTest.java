package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avatica names connections by the id the client chose and statements by a number counted over
 * the whole server; neither is a secret. Over Avatica's JSON protocol on 127.0.0.1, with alice
 * (project {@code app}, 300 items) and bob (project {@code shop}): a request reaches only a
 * connection its user opened, and a statement only through the connection it was handed out on.
 * Anything else is answered exactly as an id the server never had.
 */
class ConnectionOwnershipTest {
  private static final String FIRST_ROW = "[\"i0\"]";
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir
  static Path tmp;
  static AsyncDbServer server;
  static AvaticaJson alice;
  static AvaticaJson bob;

  @BeforeAll
  static void start() throws Exception {
    Users users = Users.of("alice", "alice-pass").with("bob", "bob-pass")
        .withGrant("alice", new Grant(Grant.Mode.WRITE, Map.of("app", Grant.Mode.WRITE)))
        .withGrant("bob", new Grant(Grant.Mode.WRITE, Map.of("shop", Grant.Mode.WRITE)));
    Map<String, Path> projects = new LinkedHashMap<>();
    projects.put("app", Projects.items(Files.createDirectories(tmp.resolve("app")), 300));
    projects.put("shop", MultiProjectTest.shop(tmp));
    server = AsyncDbServer.start(ServerConfig.forProjects(projects).withPort(0).withUsers(users));
    alice = new AvaticaJson(server, "alice", "alice-pass");
    bob = new AvaticaJson(server, "bob", "bob-pass");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A fresh connection id: every test opens its own connections on the shared server. */
  private static String id(String who) {
    return who + "-" + IDS.incrementAndGet();
  }

  /** Opens {@code connection} for alice and leaves a cursor over every item on it, one row read; returns its statement id. */
  private static int aliceCursor(String connection) {
    alice.open(connection, "app");
    int statement = alice.statement(connection);
    Map<String, Object> r = alice.ok("prepareAndExecute", "connectionId", connection, "statementId", statement,
        "sql", "select id from items order by n", "maxRowsTotal", -1, "maxRowsInFirstFrame", 1);
    assertThat(r.toString()).contains("rows=[[i0]]").contains("done=false");
    return statement;
  }

  /** The next rows of alice's cursor, as she reads them. */
  private static String aliceFetches(String connection, int statement, int offset) {
    HttpResponse<String> r = alice.send("fetch", "connectionId", connection, "statementId", statement, "offset", offset, "fetchMaxRowCount", 2);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void anotherUsersCursorCannotBeFetchedThroughOnesOwnConnection() {
    String a = id("alice");
    String b = id("bob");
    int cursor = aliceCursor(a);
    bob.open(b, "shop");
    HttpResponse<String> stolen = bob.send("fetch", "connectionId", b, "statementId", cursor, "offset", 1, "fetchMaxRowCount", 100);
    HttpResponse<String> unknown = bob.send("fetch", "connectionId", b, "statementId", 987_654_321, "offset", 1, "fetchMaxRowCount", 100);
    assertThat(stolen.body()).as("bob's fetch of alice's cursor").doesNotContain("\"i1\"").isEqualTo(unknown.body());
    assertThat(stolen.statusCode()).isEqualTo(unknown.statusCode());
    assertThat(AvaticaJson.parse(stolen)).containsEntry("missingStatement", true);
    // Nor by naming her connection.
    HttpResponse<String> named = bob.send("fetch", "connectionId", a, "statementId", cursor, "offset", 1, "fetchMaxRowCount", 100);
    assertThat(named.body()).doesNotContain("\"i1\"").isEqualTo(unknown.body());
    // Her cursor did not move: her next frame starts at the second row.
    assertThat(aliceFetches(a, cursor, 1)).contains("\"rows\":[[\"i1\"],[\"i2\"]]");
  }

  /**
   * Every request that names alice's connection, sent by bob: each answered exactly as the same
   * request naming a connection the server never had, nothing of project app in it, and nothing
   * done — her connection, cursor and data are as she left them.
   */
  @Test
  void anotherUsersConnectionCannotBeUsedByNamingIt() {
    String a = id("alice");
    int cursor = aliceCursor(a);
    String b = id("bob");
    bob.open(b, "shop");
    int his = bob.statement(b);
    String nobody = id("nobody");
    int hersOpen = server.openConnections("alice");
    for (Map<String, Object> request : requestsNaming(a, cursor, his)) {
      HttpResponse<String> foreign = bob.sendBody(Json.write(request));
      Map<String, Object> sameForUnknown = new LinkedHashMap<>(request);
      sameForUnknown.replaceAll((k, v) -> a.equals(v) ? nobody : v);
      if (request.get("statementHandle") instanceof Map<?, ?> h) {
        Map<Object, Object> renamed = new LinkedHashMap<>(h);
        renamed.put("connectionId", nobody);
        sameForUnknown.put("statementHandle", renamed);
      }
      HttpResponse<String> unknown = bob.sendBody(Json.write(sameForUnknown));
      String what = request.get("request") + " naming alice's connection";
      assertThat(foreign.statusCode()).as(what + ": " + foreign.body()).isEqualTo(unknown.statusCode());
      assertThat(foreign.body().replace(a, "ID")).as(what).isEqualTo(unknown.body().replace(nobody, "ID"));
      assertThat(foreign.body()).as(what).doesNotContainIgnoringCase("items").doesNotContain("stolen");
    }
    // Alice's connection is still open, her cursor where she left it, her project unchanged.
    assertThat(server.openConnections("alice")).isEqualTo(hersOpen);
    assertThat(aliceFetches(a, cursor, 1)).contains("\"rows\":[[\"i1\"],[\"i2\"]]");
    int count = alice.statement(a);
    assertThat(alice.ok("prepareAndExecute", "connectionId", a, "statementId", count, "sql", "select count(*) as c from items",
        "maxRowsTotal", -1, "maxRowsInFirstFrame", 10).toString()).contains("rows=[[300]]");
  }

  /**
   * A refusal reads as Avatica's answer to a missing connection — error code 1, which Avatica's
   * driver and ours know as "the server no longer has this connection" — with neither the id nor
   * a stack trace that would tell where it was raised.
   */
  @Test
  void aRefusedConnectionIsAnsweredAsAMissingOneWithNothingAboutIt() {
    String a = id("alice");
    alice.open(a, "app");
    HttpResponse<String> refused = bob.send("getTables", "connectionId", a);
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(AvaticaJson.parse(refused)).containsEntry("response", "error").containsEntry("errorCode", 1L).containsEntry("severity", "ERROR")
        .containsEntry("exceptions", List.of("org.apache.calcite.avatica.NoSuchConnectionException\n"));
    assertThat(refused.body()).doesNotContain(a).doesNotContain("\\tat ");
  }

  /** What bob tries on alice's connection {@code a}: every request that names a connection, and a write. */
  private static List<Map<String, Object>> requestsNaming(String a, int hers, int his) {
    List<Map<String, Object>> r = new ArrayList<>();
    r.add(AvaticaJson.request("createStatement", "connectionId", a));
    r.add(AvaticaJson.request("prepare", "connectionId", a, "sql", "select id from items", "maxRowCount", -1));
    r.add(AvaticaJson.request("prepareAndExecute", "connectionId", a, "statementId", his, "sql", "select count(*) from items",
        "maxRowsTotal", -1, "maxRowsInFirstFrame", 10));
    r.add(AvaticaJson.request("prepareAndExecute", "connectionId", a, "statementId", hers,
        "sql", "insert into items (id, n) values ('stolen', -1)", "maxRowsTotal", -1, "maxRowsInFirstFrame", 10));
    r.add(AvaticaJson.request("prepareAndExecuteBatch", "connectionId", a, "statementId", hers,
        "sqlCommands", List.of("insert into items (id, n) values ('stolen', -2)")));
    r.add(AvaticaJson.request("execute", "statementHandle", Map.of("connectionId", a, "id", hers), "parameterValues", List.of(),
        "maxRowCount", 10));
    r.add(AvaticaJson.request("getTables", "connectionId", a));
    r.add(AvaticaJson.request("getColumns", "connectionId", a, "tableNamePattern", "items"));
    r.add(AvaticaJson.request("getSchemas", "connectionId", a));
    r.add(AvaticaJson.request("getCatalogs", "connectionId", a));
    r.add(AvaticaJson.request("getTableTypes", "connectionId", a));
    r.add(AvaticaJson.request("getTypeInfo", "connectionId", a));
    r.add(AvaticaJson.request("databaseProperties", "connectionId", a));
    r.add(AvaticaJson.request("connectionSync", "connectionId", a, "connProps", Map.of("connProps", "connPropsImpl", "autoCommit", false)));
    r.add(AvaticaJson.request("commit", "connectionId", a));
    r.add(AvaticaJson.request("rollback", "connectionId", a));
    r.add(AvaticaJson.request("syncResults", "connectionId", a, "statementId", hers,
        "state", Map.of("type", "SQL", "sql", "select id from items"), "offset", 0));
    r.add(AvaticaJson.request("fetch", "connectionId", a, "statementId", hers, "offset", 1, "fetchMaxRowCount", 100));
    r.add(AvaticaJson.request("closeStatement", "connectionId", a, "statementId", hers));
    r.add(AvaticaJson.request("closeConnection", "connectionId", a));
    return r;
  }

  /** The same user's other connection is no way to a statement either: a statement belongs to the connection that made it. */
  @Test
  void aStatementIsReachedOnlyThroughTheConnectionItWasHandedOutOn() {
    String first = id("alice");
    String second = id("alice");
    int cursor = aliceCursor(first);
    alice.open(second, "app");
    HttpResponse<String> across = alice.send("fetch", "connectionId", second, "statementId", cursor, "offset", 1, "fetchMaxRowCount", 2);
    assertThat(AvaticaJson.parse(across)).containsEntry("missingStatement", true);
    assertThat(across.body()).doesNotContain("\"i1\"");
    // Closing it through the other connection does nothing either.
    alice.ok("closeStatement", "connectionId", second, "statementId", cursor);
    assertThat(aliceFetches(first, cursor, 1)).contains("\"rows\":[[\"i1\"],[\"i2\"]]");
  }

  /**
   * Connection ids are one namespace for the server, so an id in use cannot be opened again, by
   * anyone: the refusal says the id is taken, nothing of whose it is, and takes nothing from her.
   */
  @Test
  void openingAnIdInUseIsRefusedWithoutNamingItsOwner() {
    String a = id("alice");
    int cursor = aliceCursor(a);
    int bobs = server.openConnections("bob");
    HttpResponse<String> taken = bob.send("openConnection", "connectionId", a, "info", Map.of("project", "shop"));
    assertThat(taken.statusCode()).isEqualTo(500);
    assertThat(AvaticaJson.parse(taken)).containsEntry("errorMessage", "Connection id " + a + " is already open.").containsEntry("sqlState", "08002");
    assertThat(taken.body()).doesNotContain("alice-pass").doesNotContain("\"app\"").doesNotContain("items");
    assertThat(server.openConnections("bob")).isEqualTo(bobs);
    assertThat(aliceFetches(a, cursor, 1)).contains("\"rows\":[[\"i1\"],[\"i2\"]]");
  }

  /** Metadata results and prepared statements are statements of the connection that asked for them, like any other. */
  @Test
  void metadataResultsAndPreparedStatementsBelongToTheirConnection() {
    String mine = id("alice");
    String other = id("alice");
    alice.open(mine, "app");
    alice.open(other, "app");
    int before = server.recordedStatements();
    Map<String, Object> tables = alice.ok("getTables", "connectionId", mine);
    assertThat(tables.toString()).contains("items");
    int metadata = ((Number) tables.get("statementId")).intValue();
    assertThat(server.recordedStatements()).isEqualTo(before + 1);
    assertThat(AvaticaJson.parse(alice.send("fetch", "connectionId", other, "statementId", metadata, "offset", 0, "fetchMaxRowCount", 10)))
        .containsEntry("missingStatement", true);
    alice.ok("closeStatement", "connectionId", other, "statementId", metadata);
    assertThat(server.recordedStatements()).as("closed through another connection: still there").isEqualTo(before + 1);
    alice.ok("closeStatement", "connectionId", mine, "statementId", metadata);
    assertThat(server.recordedStatements()).isEqualTo(before);

    Map<String, Object> prepared = alice.ok("prepare", "connectionId", mine, "sql", "select id from items where n = ?", "maxRowCount", -1);
    @SuppressWarnings("unchecked")
    Map<String, Object> handle = (Map<String, Object>) prepared.get("statement");
    List<Map<String, Object>> one = List.of(Map.of("type", "INTEGER", "value", 42));
    assertThat(alice.ok("execute", "statementHandle", handle, "parameterValues", one, "maxRowCount", 10).toString()).contains("rows=[[i42]]");
    Map<String, Object> borrowed = new LinkedHashMap<>(handle);
    borrowed.put("connectionId", other);
    assertThat(alice.ok("execute", "statementHandle", borrowed, "parameterValues", one, "maxRowCount", 10))
        .containsEntry("missingStatement", true).containsEntry("results", null);
    assertThat(alice.ok("executeBatch", "connectionId", other, "statementId", handle.get("id"), "parameterValues", List.of(one)))
        .containsEntry("missingStatement", true);
    assertThat(alice.ok("execute", "statementHandle", handle, "parameterValues", List.of(Map.of("type", "INTEGER", "value", 7)),
        "maxRowCount", 10).toString()).as("still hers after the attempts").contains("rows=[[i7]]");
  }

  /**
   * Without users every client is the same anonymous one, so any may use any connection (it
   * already may open one on every project); a statement still belongs to its connection.
   */
  @Test
  void withoutUsersAnyClientMayNameAConnectionButAStatementStaysWithItsConnection() throws Exception {
    try (AsyncDbServer open = AsyncDbServer.start(ServerConfig.forProject(Projects.items(Files.createDirectories(tmp.resolve("solo")), 20))
        .withPort(0))) {
      AvaticaJson one = new AvaticaJson(open, null, null);
      AvaticaJson another = new AvaticaJson(open, null, null);
      one.ok("openConnection", "connectionId", "x1");
      int cursor = one.statement("x1");
      one.ok("prepareAndExecute", "connectionId", "x1", "statementId", cursor, "sql", "select id from items order by n",
          "maxRowsTotal", -1, "maxRowsInFirstFrame", 1);
      another.ok("openConnection", "connectionId", "x2");
      assertThat(AvaticaJson.parse(another.send("fetch", "connectionId", "x2", "statementId", cursor, "offset", 1, "fetchMaxRowCount", 2)))
          .containsEntry("missingStatement", true);
      assertThat(another.send("fetch", "connectionId", "x1", "statementId", cursor, "offset", 1, "fetchMaxRowCount", 2).body())
          .contains("\"rows\":[[\"i1\"],[\"i2\"]]");
      another.ok("closeConnection", "connectionId", "x1");
      another.ok("closeConnection", "connectionId", "x2");
      assertThat(open.openConnections()).isZero();
      assertThat(open.recordedConnections()).isZero();
      assertThat(open.recordedStatements()).isZero();
    }
  }
}
