package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client of Avatica's JSON protocol as a script speaks it: one POST to {@code /json} per request,
 * over real HTTP, as one user (or none), choosing its own connection ids.
 */
final class AvaticaJson {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI uri;
  /** The BASIC {@code Authorization} header, or null for a server without users. */
  private final String authorization;

  AvaticaJson(AsyncDbServer server, String user, String password) {
    this.uri = URI.create(server.url() + AvaticaEndpoint.JSON_PATH);
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Request {@code request} with the fields {@code nameValues} (name, value, name, value…), answered as it comes. */
  HttpResponse<String> send(String request, Object... nameValues) {
    return sendBody(Json.write(request(request, nameValues)));
  }

  HttpResponse<String> sendBody(String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The response to a request that must succeed, parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> ok(String request, Object... nameValues) {
    HttpResponse<String> r = send(request, nameValues);
    assertThat(r.statusCode()).as(request + " answered " + r.body()).isEqualTo(200);
    return (Map<String, Object>) Json.parse(r.body());
  }

  /** Opens connection {@code id} on {@code project}. */
  void open(String id, String project) {
    ok("openConnection", "connectionId", id, "info", Map.of("project", project));
  }

  /** A new statement of connection {@code id}. */
  int statement(String id) {
    return ((Number) ok("createStatement", "connectionId", id).get("statementId")).intValue();
  }

  static Map<String, Object> request(String request, Object... nameValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request", request);
    for (int i = 0; i < nameValues.length; i += 2) {
      body.put((String) nameValues[i], nameValues[i + 1]);
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(HttpResponse<String> r) {
    return (Map<String, Object>) Json.parse(r.body());
  }
}
