package dev.asyncdb.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a client's cancel request ({@link CancelHandler}) may reach: for each open client
 * connection, the user who opened it (only they may cancel its statements), its statements, and
 * the execute and fetch calls running on it now with their {@link StatementTimeouts.Watch}.
 * Avatica's own caches know none of this: a connection has no owner there, and statement ids are
 * numbered across all connections.
 */
final class CancelRegistry {
  /** What a cancel request found. */
  enum Outcome { CANCELLED, NOT_RUNNING, UNKNOWN_CONNECTION, UNKNOWN_STATEMENT, NOT_OWNER }

  private static final class ClientConnection {
    final String owner;
    final Set<Integer> statements = new HashSet<>();
    final List<Running> running = new ArrayList<>();

    ClientConnection(String owner) {
      this.owner = owner;
    }
  }

  private record Running(int statementId, StatementTimeouts.Watch watch) {}

  private final Map<String, ClientConnection> connections = new HashMap<>();

  /**
   * Records connection {@code id} opened by {@code owner} (null: no authentication); the returned
   * action forgets it (run it when the connection closes, however it closes). Null when the id is taken.
   */
  synchronized Runnable opened(String id, String owner) {
    ClientConnection c = new ClientConnection(owner);
    if (connections.putIfAbsent(id, c) != null) {
      return null;
    }
    return () -> forget(id, c);
  }

  private synchronized void forget(String id, ClientConnection c) {
    connections.remove(id, c);
  }

  synchronized void statementCreated(String connectionId, int statementId) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      c.statements.add(statementId);
    }
  }

  synchronized void statementClosed(String connectionId, int statementId) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      c.statements.remove(statementId);
    }
  }

  /** Records a call of statement {@code statementId} starting on connection {@code connectionId}. */
  synchronized void started(String connectionId, int statementId, StatementTimeouts.Watch watch) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      c.running.add(new Running(statementId, watch));
    }
  }

  /** Records the call's end and closes its watch; from now on no cancel reaches it. */
  synchronized void finished(String connectionId, StatementTimeouts.Watch watch) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      c.running.removeIf(r -> r.watch() == watch);
    }
    watch.close();
  }

  /**
   * Cancels the calls of statement {@code statementId} running on connection {@code connectionId}
   * at the request of {@code user}. {@code live} tells whether Avatica still has a statement (it
   * expires idle ones without telling).
   */
  synchronized Outcome cancel(String connectionId, int statementId, String user, IntPredicate live) {
    ClientConnection c = connections.get(connectionId);
    if (c == null) {
      return Outcome.UNKNOWN_CONNECTION;
    }
    if (!Objects.equals(c.owner, user)) {
      return Outcome.NOT_OWNER;
    }
    if (!c.statements.contains(statementId) || !live.test(statementId)) {
      return Outcome.UNKNOWN_STATEMENT;
    }
    boolean any = false;
    for (Running r : c.running) {
      if (r.statementId() == statementId && r.watch().cancel()) {
        any = true;
      }
    }
    return any ? Outcome.CANCELLED : Outcome.NOT_RUNNING;
  }
}
