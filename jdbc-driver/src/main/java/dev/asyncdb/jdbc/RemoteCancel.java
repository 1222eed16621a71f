package dev.asyncdb.jdbc;

import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code Statement.cancel()} of a {@code jdbc:asyncdb:remote:} connection. Avatica's protocol has
 * no cancel request, and its client's {@code cancel()} waits for the statement's lock, which the
 * running execute holds for the whole call, and then only marks the statement on the client. So
 * the cancel travels on its own HTTP request, {@code POST /__db/cancel} with the connection's and
 * statement's Avatica ids, with the connection's credentials and trust store; the server stops
 * the running call at its next row and the execute fails with SQLState 57014.
 */
final class RemoteCancel {
  static final String PATH = "/__db/cancel";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String server;
  private final URI endpoint;
  private final String user;
  private final String password;
  private final String truststore;
  private final String truststorePassword;
  private HttpClient http;

  /** {@code user} null: the server has no authentication; {@code truststore} null: the JVM's trust. */
  RemoteCancel(String server, String user, String password, String truststore, String truststorePassword) {
    this.server = server;
    this.endpoint = URI.create(server.replaceFirst("/+$", "") + PATH);
    this.user = user;
    this.password = password == null ? "" : password;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword == null ? "" : truststorePassword;
  }

  /** Asks the server to cancel what statement {@code statementId} of connection {@code connectionId} runs now. */
  void cancel(String connectionId, int statementId) throws SQLException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connectionId", connectionId);
    body.put("statementId", statementId);
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (SSLException e) {
      throw new SQLException("The cancel request to " + server + " failed in the TLS handshake: " + e.getMessage()
          + ". Pass the truststore=FILE and truststorePassword=SECRET the connection was opened with.", "08001", e);
    } catch (IOException e) {
      throw new SQLException("Could not send the cancel request to the Async DB server at " + server + ": " + e
          + ". The statement goes on running until it ends or the server's statement timeout stops it.", "08006", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while sending the cancel request to " + server + "; the statement may still run.", "HY008", e);
    }
    if (response.statusCode() != 200) {
      throw refusal(response);
    }
  }

  /** The server's answer as an exception: its error envelope's message, hint and SQLState when it sent one. */
  private SQLException refusal(HttpResponse<String> response) {
    int status = response.statusCode();
    Map<?, ?> error = errorEnvelope(response.body());
    if (error == null) {
      return new SQLException("Unexpected answer HTTP " + status + " from " + server + " to the cancel request (" + PATH + ")."
          + " Is it an Async DB server (async-db serve) recent enough to cancel statements?", "08006");
    }
    Object details = error.get("details");
    Object sqlState = details instanceof Map<?, ?> d ? d.get("sqlState") : null;
    return new SQLException(error.get("message") + (error.get("hint") == null ? "" : " " + error.get("hint")),
        sqlState instanceof String s ? s : "HY000");
  }

  private static Map<?, ?> errorEnvelope(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e && e.get("message") != null ? e : null;
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The HTTP client, made at the first cancel: most connections never cancel anything. */
  private synchronized HttpClient client() throws SQLException {
    if (http == null) {
      HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
      if (truststore != null) {
        builder.sslContext(sslContext());
      }
      http = builder.build();
    }
    return http;
  }

  private SSLContext sslContext() throws SQLException {
    try {
      KeyStore trusted = KeyStore.getInstance(Path.of(truststore).toFile(), truststorePassword.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new SQLException("Cannot use trust store " + truststore + " for the cancel request: " + e.getMessage()
          + ". Check the truststore and truststorePassword properties.", "08001", e);
    }
  }
}
