package dev.asyncdb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A real HTTP client for a running server's REST port (REST, GraphQL, viewer and dev-tool routes), with optional headers on every request. */
public class HttpTestClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String[] headers;

  public HttpTestClient(AsyncDbServer server, String... headers) {
    this.base = server.restUrl();
    this.headers = headers;
  }

  public HttpResponse<String> send(String method, String path, String body, String... extraHeaders) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (extraHeaders.length > 0) {
      b.headers(extraHeaders);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String... extraHeaders) {
    return send("GET", path, null, extraHeaders);
  }
}
