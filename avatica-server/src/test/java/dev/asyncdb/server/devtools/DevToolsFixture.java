package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.HttpTestClient;
import dev.asyncdb.server.Projects;
import dev.asyncdb.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The data-first example (users, posts, settings) with a db.config.json of the test's choosing, and an HTTP client for its server. */
final class DevToolsFixture {
  private DevToolsFixture() {}

  /** A fresh copy of the example with {@code config} as its db.config.json (null: none). */
  static Path project(Path into, String config) {
    Path project = Projects.copy("data-first", into);
    writeConfig(project, config);
    return project;
  }

  static void writeConfig(Path project, String config) {
    try {
      if (config == null) {
        Files.deleteIfExists(project.resolve("db.config.json"));
      } else {
        Files.writeString(project.resolve("db.config.json"), config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AsyncDbServer start(Path project) {
    return AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0));
  }

  /** An HTTP exchange against the server's REST port. */
  static final class Client extends HttpTestClient {
    Client(AsyncDbServer server) {
      super(server);
    }

    /** Milliseconds {@code method path} took, measured around the whole exchange. */
    long timed(String method, String path, String body) {
      long start = System.nanoTime();
      HttpResponse<String> r = send(method, path, body);
      if (r.statusCode() >= 400) {
        throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(HttpResponse<String> r) {
    return (Map<String, Object>) Json.parse(r.body());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> r) {
    return (Map<String, Object>) object(r).get("error");
  }
}
