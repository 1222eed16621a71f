package dev.asyncdb.server.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real subscriber of a {@code /__db/log} stream: reads the server-sent events on a thread and hands out the {@code db-log} ones. */
final class LogSubscriber implements AutoCloseable {
  private final InputStream body;
  private final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
  private final StringBuffer received = new StringBuffer();
  private final BlockingQueue<String> firstLine = new LinkedBlockingQueue<>();

  private LogSubscriber(InputStream body) {
    this.body = body;
    Thread reader = new Thread(this::read, "log-subscriber");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes and waits until the server says it is connected, so no later event is missed. */
  static LogSubscriber open(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).as("status of GET " + url).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    LogSubscriber s = new LogSubscriber(r.body());
    assertThat(s.firstLine.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
    return s;
  }

  @SuppressWarnings("unchecked")
  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      boolean first = true;
      for (String line; (line = r.readLine()) != null; ) {
        received.append(line).append('\n');
        if (first) {
          firstLine.add(line);
          first = false;
        }
        if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("data: ") && "db-log".equals(event)) {
          events.add((Map<String, Object>) Json.parse(line.substring("data: ".length())));
        } else if (line.isEmpty()) {
          event = null;
        }
      }
    } catch (IOException ended) {
      // Closed by the test or the server.
    }
  }

  /** The next {@code db-log} event that matches, skipping others; fails after 10 s without one. */
  Map<String, Object> next(String what, Predicate<Map<String, Object>> matches) throws InterruptedException {
    List<Map<String, Object>> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      Map<String, Object> e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        break;
      }
      if (matches.test(e)) {
        return e;
      }
      skipped.add(e);
    }
    throw new AssertionError("no db-log event " + what + " within 10 s; received " + skipped);
  }

  /** The next {@code db-log} event, whatever it is. */
  Map<String, Object> next() throws InterruptedException {
    return next("at all", e -> true);
  }

  /** Everything the stream carried so far, as text. */
  String received() {
    return received.toString();
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
