package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.jdbc.remote.RemoteDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RemoteDriver}: the time zone a connection uses, read once, is the one Avatica's own driver uses. */
class RemoteDriverTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;

  @BeforeAll
  static void start() throws Exception {
    Path project = tmp.resolve("events");
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/events.json"), "[{\"id\":\"e1\",\"startsAt\":\"2025-03-01 10:15:00\"}]");
    server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Timestamp at(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("select cast(startsAt as timestamp) from events where id = ?")) {
      ps.setString(1, "e1");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getTimestamp(1);
      }
    }
  }

  @Test
  void aNamedZoneIsTheOneAvaticasDriverUses() throws Exception {
    String url = "jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf;timeZone=Asia/Tokyo";
    try (Connection ours = new RemoteDriver().connect(url, new Properties()); Connection stock = DriverManager.getConnection(url)) {
      assertThat(ours.unwrap(AvaticaConnection.class).getTimeZone().getID()).isEqualTo("Asia/Tokyo");
      // Each call hands out its own copy, as Avatica's does.
      assertThat(ours.unwrap(AvaticaConnection.class).getTimeZone()).isNotSameAs(ours.unwrap(AvaticaConnection.class).getTimeZone());
      assertThat(at(ours)).isEqualTo(at(stock));
    }
  }

  @Test
  void withoutAZoneTheJvmDefaultIsAskedEachTime() throws Exception {
    TimeZone saved = TimeZone.getDefault();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl());
        Connection stock = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf")) {
      AvaticaConnection avatica = c.unwrap(AvaticaConnection.class);
      TimeZone.setDefault(TimeZone.getTimeZone("America/Denver"));
      assertThat(avatica.getTimeZone().getID()).isEqualTo("America/Denver");
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      assertThat(avatica.getTimeZone().getID()).isEqualTo("UTC");
      assertThat(at(c)).isEqualTo(at(stock));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      assertThat(at(c)).isEqualTo(at(stock));
    } finally {
      TimeZone.setDefault(saved);
    }
  }
}
