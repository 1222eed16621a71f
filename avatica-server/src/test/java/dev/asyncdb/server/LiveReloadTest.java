package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload while serving: a fixture edit reaches REST, remote JDBC clients and
 * {@code /__db/events} subscribers without a restart; a broken edit leaves only its resource out;
 * the reopened project still names the server in its lock.
 */
class LiveReloadTest {
  @TempDir
  Path tmp;

  @Test
  void aFixtureEditIsServedWithoutARestartAndAnnounced() throws Exception {
    Path project = Projects.copy("data-first", tmp);
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/__db/events")).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (java.io.IOException ended) {
          // The server closed the stream.
        }
      });
      reader.setDaemon(true);
      reader.start();
      assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");

      try (Connection client = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(client, "select count(*) from users")).containsExactly("2");
        String users = Files.readString(project.resolve("db/users.json"));
        Files.writeString(project.resolve("db/users.json"), users.replaceFirst("\\[",
            "[{\"id\": \"u_9\", \"name\": \"Katherine Johnson\", \"email\": \"kj@example.com\", \"role\": \"user\"},"));
        String event = null;
        for (String line = lines.poll(30, TimeUnit.SECONDS); line != null; line = lines.poll(30, TimeUnit.SECONDS)) {
          if (line.startsWith("event: ")) {
            event = line;
            break;
          }
        }
        assertThat(event).isEqualTo("event: reload");
        assertThat(lines.poll(5, TimeUnit.SECONDS)).startsWith("data: ").contains("\"resources\"", "users", "\"errors\":0");
        // The same remote connection reads the new fixture at its next statement.
        assertThat(RemoteQueryTest.column(client, "select count(*) from users")).containsExactly("3");
      }
      HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/users/u_9")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(user.statusCode()).isEqualTo(200);
      assertThat(user.body()).contains("Katherine Johnson");
      // The reopened project still tells a would-be second writer where the server is.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.asyncdb.engine.AsyncDb.open(project))
          .hasMessageContaining("serving it at http://127.0.0.1:" + server.port());

      // A broken edit: the server keeps serving, the broken resource is left out and reported.
      Files.writeString(project.resolve("db/users.json"), "[{\"id\": ");
      server.reloadProject();
      HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/__db/schema")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(schema.statusCode()).isEqualTo(200);
      assertThat(schema.body()).contains("posts").contains("users.json");
      try (Connection again = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(again, "select count(*) from posts")).containsExactly("2");
      }
    }
  }

  @Test
  void ddlOverRemoteJdbcIsServedByRestAndLaterWrites() throws Exception {
    // DDL reopens the project under the connection that ran it; REST and every other connection must follow, not keep the closed engine.
    Path project = Projects.copy("data-first", tmp);
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0))) {
      HttpClient http = HttpClient.newHttpClient();
      try (Connection client = DriverManager.getConnection(server.jdbcUrl()); Connection other = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(RemoteQueryTest.column(other, "select count(*) from users")).containsExactly("2");
        try (var s = client.createStatement()) {
          s.execute("create table notes (id varchar(20) primary key, body varchar(200) not null)");
          assertThat(s.executeUpdate("insert into notes (id, body) values ('n1', 'first')")).isEqualTo(1);
        }
        HttpResponse<String> note = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/notes/n1")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(note.statusCode()).as(note.body()).isEqualTo(200);
        assertThat(note.body()).contains("first");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/notes"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"n2\",\"body\":\"second\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(RemoteQueryTest.column(other, "select body from notes order by id")).containsExactly("first", "second");
        try (var s = client.createStatement()) {
          assertThat(s.executeUpdate("insert into notes (id, body) values ('n3', 'third')")).isEqualTo(1);
        }
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/notes")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).contains("n1", "n2", "n3");
      }
    }
  }
}
