package dev.asyncdb.server.viewer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletResponse;

/**
 * Server-sent events for the viewer and scripts: {@code GET /__db/events} (a {@code reload} after
 * fixture files changed) and {@code GET /__db/log} ({@code db-log} write and request-trace events)
 * are one each. Each subscriber holds one request open and gets {@code event: NAME} /
 * {@code data: JSON} messages, plus a comment every {@link #KEEP_ALIVE_SECONDS} s so proxies keep
 * the stream open. Closing the stream (server stop) ends every subscription.
 */
public final class EventStream {
  static final long KEEP_ALIVE_SECONDS = 15;
  private static final String END = "\u0000end";

  private final Set<BlockingQueue<String>> subscribers = new CopyOnWriteArraySet<>();

  /** Sends an event to every subscriber. */
  public void publish(String event, String json) {
    String message = "event: " + event + "\ndata: " + json + "\n\n";
    for (BlockingQueue<String> q : subscribers) {
      q.offer(message);
    }
  }

  public int subscribers() {
    return subscribers.size();
  }

  /** Ends every subscription. */
  public void close() {
    for (BlockingQueue<String> q : subscribers) {
      q.offer(END);
    }
  }

  void serve(HttpServletResponse response) throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    OutputStream out = response.getOutputStream();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    subscribers.add(queue);
    try {
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String message = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (END.equals(message)) {
          return;
        }
        // A client that went away fails this write, which ends its subscription.
        out.write((message == null ? ": keep-alive\n\n" : message).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } finally {
      subscribers.remove(queue);
    }
  }
}
