package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.CommittedWrite;
import dev.asyncdb.engine.runtime.Database;
import dev.asyncdb.engine.store.ResourceChange;
import dev.asyncdb.server.viewer.EventStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's committed writes as {@code db-log} events on {@code /__db/log} — from REST, GraphQL,
 * the SQL console and remote JDBC alike, since all write through the engine: which resources
 * changed, and per record the operation and id (at most {@value #MAX_CHANGES}; never the values).
 * A write made while handling a traced request carries that request's id. It follows the engine
 * serving now (live reload opens a new one) and does nothing while nobody is subscribed.
 */
public final class WriteLog implements AutoCloseable {
  static final int MAX_CHANGES = 100;

  private final String project;
  private final EventStream log;
  private final Consumer<CommittedWrite> listener = this::committed;
  private volatile Database followed;

  public WriteLog(String project, EventStream log) {
    this.project = project;
    this.log = log;
  }

  /** Listens to {@code db}'s writes instead of the previous engine's; a no-op when it already does. */
  public void follow(AsyncDb db) {
    Database d = db.database();
    if (d != followed) {
      switchTo(d);
    }
  }

  private synchronized void switchTo(Database d) {
    Database old = followed;
    if (old == d) {
      return;
    }
    if (old != null) {
      old.removeCommitListener(listener);
    }
    if (d != null) {
      d.addCommitListener(listener);
    }
    followed = d;
  }

  @Override
  public void close() {
    switchTo(null);
  }

  private void committed(CommittedWrite write) {
    if (log.subscribers() == 0) {
      return;
    }
    List<String> resources = new ArrayList<>();
    List<Object> changes = new ArrayList<>();
    int more = 0;
    for (ResourceChange c : write.changes()) {
      String resource = c.resource().name();
      resources.add(resource);
      for (ResourceChange.RecordChange r : c.records()) {
        if (changes.size() == MAX_CHANGES) {
          more++;
          continue;
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("resource", resource);
        change.put("op", op(r.op()));
        if (r.key() != null) {
          change.put("id", r.key());
        }
        changes.add(change);
      }
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "write");
    event.put("at", Instant.now().toString());
    event.put("project", project);
    event.put("version", write.version());
    String requestId = RequestTrace.current();
    if (requestId != null) {
      event.put("requestId", requestId);
    }
    event.put("resources", resources);
    event.put("changes", changes);
    if (more > 0) {
      event.put("more", more);
    }
    log.publish(DevTools.LOG_EVENT, Json.write(event));
  }

  /** The engine's record operations in the routes' words; a document write is an update of the document. */
  private static String op(ResourceChange.Op op) {
    return switch (op) {
      case INSERT -> "create";
      case PUT -> "update";
      default -> op.name().toLowerCase(Locale.ROOT);
    };
  }
}
