package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server refuses to start with, and what it says; TLS end to end. */
class ServerStartTest {
  @TempDir
  Path tmp;
  Path project;

  @BeforeEach
  void copyProject() {
    project = Projects.copy("data-first", tmp);
  }

  private ServerConfig config() {
    return ServerConfig.forProject(project).withPort(0);
  }

  private static String code(Throwable e) {
    return ((DbException) e).code();
  }

  @Test
  void aNonLoopbackAddressWithoutUsersIsRefused() {
    assertThatThrownBy(() -> AsyncDbServer.start(config().withHost("0.0.0.0")))
        .isInstanceOf(DbException.class)
        .hasMessageContaining("Refusing to listen on 0.0.0.0 without authentication")
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_AUTH_REQUIRED"))
        .satisfies(e -> assertThat(((DbException) e).hint()).contains("--auth-file").contains("127.0.0.1").contains("--insecure"));
  }

  @Test
  void insecureStartsAnywayWithAWarning() throws Exception {
    try (AsyncDbServer server = AsyncDbServer.start(config().withHost("0.0.0.0").withInsecure(true))) {
      assertThat(server.warnings()).singleElement().asString().contains("WITHOUT authentication");
      try (Connection c = DriverManager.getConnection("jdbc:asyncdb:remote:http://127.0.0.1:" + server.port())) {
        assertThat(RemoteQueryTest.column(c, "select count(*) from posts")).containsExactly("2");
      }
    }
  }

  @Test
  void usersWithoutTlsOnANonLoopbackAddressStartWithAWarning() {
    try (AsyncDbServer server = AsyncDbServer.start(config().withHost("0.0.0.0").withUsers(Users.of("ada", "x")))) {
      assertThat(server.warnings()).singleElement().asString().contains("without TLS");
    }
  }

  @Test
  void aPortInUseIsNamed() {
    try (AsyncDbServer first = AsyncDbServer.start(config())) {
      assertThatThrownBy(() -> AsyncDbServer.start(config().withPort(first.port())))
          .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_PORT_IN_USE"))
          .hasMessageContaining("127.0.0.1:" + first.port());
    }
  }

  @Test
  void anAddressOfAnotherMachineIsNamed() {
    // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it.
    assertThatThrownBy(() -> AsyncDbServer.start(config().withHost("192.0.2.1").withInsecure(true)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_ADDRESS_UNAVAILABLE"))
        .hasMessageContaining("192.0.2.1");
  }

  @Test
  void aProjectThatCannotBeOpenedIsReportedBeforeListening() throws Exception {
    Files.writeString(project.resolve("db.config.json"), "{\"stores\": {\"default\": \"nonsense\"}");
    assertThatThrownBy(() -> AsyncDbServer.start(config()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_PROJECT_UNAVAILABLE"))
        .hasMessageContaining("Cannot open project " + project)
        .satisfies(e -> assertThat(((DbException) e).hint()).contains("async-db doctor"));
  }

  @Test
  void aKeyWhosePasswordDiffersFromTheKeyStoresStopsTheStartWithAHint() throws Exception {
    Path keystore = tmp.resolve("server.jks");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-storetype", "JKS", "-keystore", keystore.toString(), "-storepass", "storepass", "-keypass", "otherpass");
    assertThatThrownBy(() -> AsyncDbServer.start(config().withTls(keystore, "storepass")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_START_FAILED"))
        .hasMessageContaining("Cannot recover key")
        .satisfies(e -> assertThat(((DbException) e).hint()).contains("key's password"));
  }

  @Test
  void anUnknownHostAndAMissingProjectAreNamed() {
    assertThatThrownBy(() -> AsyncDbServer.start(config().withHost("no-such-host.invalid")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_HOST_UNKNOWN")).hasMessageContaining("no-such-host.invalid");
    assertThatThrownBy(() -> AsyncDbServer.start(ServerConfig.forProject(tmp.resolve("nope")).withPort(0)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("DB_PROJECT_NOT_FOUND")).hasMessageContaining("nope");
  }

  @Test
  void aKeystoreThatCannotBeOpenedIsNamed() throws Exception {
    Path keystore = keystore("rightpass");
    assertThatThrownBy(() -> AsyncDbServer.start(config().withTls(keystore, "wrongpass")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_TLS_KEYSTORE_INVALID"))
        .hasMessageContaining(keystore.toString()).hasMessageContaining("password");
    assertThatThrownBy(() -> AsyncDbServer.start(config().withTls(tmp.resolve("missing.p12"), "x")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("SERVER_TLS_KEYSTORE_INVALID")).hasMessageContaining("missing.p12");
  }

  @Test
  void tlsServesHttpsToClientsThatTrustTheCertificate() throws Exception {
    Path keystore = keystore("changeit");
    try (AsyncDbServer server = AsyncDbServer.start(config().withTls(keystore, "changeit").withUsers(Users.of("ada", "lovelace")))) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      Properties p = new Properties();
      p.setProperty("user", "ada");
      p.setProperty("password", "lovelace");
      p.setProperty("truststore", keystore.toString());
      p.setProperty("truststorePassword", "changeit");
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p); Statement s = c.createStatement()) {
        assertThat(RemoteQueryTest.column(c, "select name from users where id = ?", "u_1")).containsExactly("Ada Lovelace");
        // The cancel request travels on its own https request, trusting the same store (here it finds nothing running).
        s.cancel();
      }
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + ";user=ada;password=lovelace"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("TLS handshake with " + server.url() + " failed")
          .hasMessageContaining("truststore=FILE")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }
  }

  /** A self-signed key pair for 127.0.0.1, made by the JDK's keytool as an operator would. */
  private Path keystore(String password) throws Exception {
    Path file = tmp.resolve("server.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password);
    return file;
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(tmp.toFile(), "keytool.log")).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue()).as("keytool exit code").isZero();
  }
}
