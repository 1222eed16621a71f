package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** What a connected client can never do: load classes or files on the server, or reach another project. */
class IsolationTest {
  @TempDir
  static Path tmp;
  static AsyncDbServer server;

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.copy("data-first", tmp)).withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Avatica's driver forwards any property it does not know itself, so it can try what ours refuses to send. */
  @ParameterizedTest
  @ValueSource(strings = {"model", "schemaFactory", "schemaType", "fun", "typeSystem", "parserFactory", "spark", "schema.directory",
      "jdbc.user"})
  void propertiesThatLoadClassesOrFilesAreRefusedOnTheServer(String property) {
    Properties p = new Properties();
    p.setProperty(property, "inline:{version:'1.0',schemas:[]}");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf", p))
        .isInstanceOf(AvaticaClientRuntimeException.class)
        .hasMessageContaining("The server refuses connection properties " + property)
        .hasMessageContaining("would load classes or files on the server")
        .satisfies(e -> assertThat(((AvaticaClientRuntimeException) e).getSqlState()).isEqualTo("28000"));
    assertThat(server.openConnections()).isZero();
  }

  /**
   * Settings our driver knows but the server decides, and unknown ones: refused even from a client
   * that sends them anyway. ({@code truststore} and {@code schema} are Avatica's own client
   * settings, which its driver never sends.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"create", "durability", "fork", "truststorePassword", "colour"})
  void settingsTheServerDecidesAndUnknownOnesAreRefusedOnTheServer(String property) {
    Properties p = new Properties();
    p.setProperty(property, "x");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf", p))
        .isInstanceOf(AvaticaClientRuntimeException.class)
        .hasMessageContaining("The server refuses connection properties " + property + ". A remote client may send only: readOnly, user, password, project.")
        .satisfies(e -> assertThat(((AvaticaClientRuntimeException) e).getSqlState()).isEqualTo("28000"));
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void settingsTheServerDecidesAreRefusedThroughOurDriverToo() {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + ";durability=off"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("refuses connection properties durability")
        .hasMessageContaining("may send only: readOnly, user, password, project")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + ";colour=blue"))
        .as("unknown properties stay a client-side error")
        .hasMessageContaining("Unknown connection property \"colour\"");
  }

  @Test
  void aConnectionNamingAnotherProjectIsRefused() throws Exception {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + ";project=payroll"))
        .hasMessageContaining("This server serves project \"data-first\" only; the connection asked for project \"payroll\"")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";project=data-first;readOnly=true")) {
      assertThat(RemoteQueryTest.column(c, "select count(*) from users")).containsExactly("2");
    }
  }
}
