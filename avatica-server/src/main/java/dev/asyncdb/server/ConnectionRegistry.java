package dev.asyncdb.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.apache.calcite.avatica.Meta.Signature;

/**
 * The server's record of each open client connection: the user who opened it, the statements
 * handed out on it (with the signature of each prepared one), and the execute and fetch calls
 * running on it now with their {@link StatementTimeouts.Watch}. Avatica's own caches know none of this: a connection has no
 * owner there, and a statement is found by its number alone, counted over all connections. The
 * {@link ConnectionGuard} asks it whom a connection or statement belongs to, a cancel request
 * ({@link CancelHandler}) what to stop. A connection's record goes when the connection closes,
 * however it closes, and with it its statements; statements Avatica expired on a connection still
 * open go at the next {@link #retainStatements}.
 *
 * <p>Every execute asks it several things, from as many server threads as there are clients: the
 * map of connections is concurrent and each connection's record is locked on its own, so clients
 * never wait for each other here (one lock for all of them made them queue behind whichever
 * thread the 2 cores had preempted while holding it).
 */
final class ConnectionRegistry {
  /** What a cancel request found. */
  enum Outcome { CANCELLED, NOT_RUNNING, UNKNOWN_CONNECTION, UNKNOWN_STATEMENT }

  /** One connection's record; everything but the owner is guarded by the record itself. */
  private static final class ClientConnection {
    final String owner;
    /** Statement id → the signature it was prepared with (null for plain statements and result sets). */
    final Map<Integer, Signature> statements = new HashMap<>();
    final List<Running> running = new ArrayList<>();
    /** What stops the connection's scans ({@link StatementTimeouts#cancelFlag}), known once it is open. */
    AtomicBoolean cancelFlag;

    ClientConnection(String owner) {
      this.owner = owner;
    }
  }

  private record Running(int statementId, StatementTimeouts.Watch watch) {}

  private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

  /**
   * Records connection {@code id} opened by {@code owner} (null: no authentication); the returned
   * action forgets it (run it when the connection closes, however it closes). Null when the id is taken.
   */
  Runnable opened(String id, String owner) {
    ClientConnection c = new ClientConnection(owner);
    if (connections.putIfAbsent(id, c) != null) {
      return null;
    }
    return () -> connections.remove(id, c);
  }

  /** The connection {@code id} if {@code user} (null: no authentication) opened it. */
  private ClientConnection of(String id, String user) {
    ClientConnection c = id == null ? null : connections.get(id);
    return c != null && Objects.equals(c.owner, user) ? c : null;
  }

  /** Whether connection {@code id} is open and was opened by {@code user}. */
  boolean owns(String user, String id) {
    return of(id, user) != null;
  }

  /** Whether statement {@code statementId} was handed out on connection {@code connectionId}, which {@code user} opened. */
  boolean owns(String user, String connectionId, int statementId) {
    ClientConnection c = of(connectionId, user);
    if (c == null) {
      return false;
    }
    synchronized (c) {
      return c.statements.containsKey(statementId);
    }
  }

  /**
   * Records statement {@code statementId} handed out on connection {@code connectionId}, with the
   * signature it was prepared with (null: not prepared, or nothing new to record).
   */
  void handedOut(String connectionId, int statementId, Signature prepared) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      synchronized (c) {
        Signature known = c.statements.get(statementId);
        c.statements.put(statementId, prepared == null ? known : prepared);
      }
    }
  }

  /** The signature statement {@code statementId} of connection {@code connectionId} was prepared with, or null. */
  Signature prepared(String connectionId, int statementId) {
    ClientConnection c = connections.get(connectionId);
    if (c == null) {
      return null;
    }
    synchronized (c) {
      return c.statements.get(statementId);
    }
  }

  /** Records what stops the scans of connection {@code id} (looked up once, not on every call). */
  void cancelFlag(String id, AtomicBoolean flag) {
    ClientConnection c = connections.get(id);
    if (c != null) {
      synchronized (c) {
        c.cancelFlag = flag;
      }
    }
  }

  /** What stops the scans of connection {@code id}, or null. */
  AtomicBoolean cancelFlag(String id) {
    ClientConnection c = connections.get(id);
    if (c == null) {
      return null;
    }
    synchronized (c) {
      return c.cancelFlag;
    }
  }

  void statementClosed(String connectionId, int statementId) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      synchronized (c) {
        c.statements.remove(statementId);
      }
    }
  }

  /** Forgets every statement {@code live} no longer holds (Avatica expires idle statements without telling). */
  void retainStatements(IntPredicate live) {
    for (ClientConnection c : connections.values()) {
      synchronized (c) {
        c.statements.keySet().removeIf(id -> !live.test(id));
      }
    }
  }

  /** Connections recorded now. */
  int connections() {
    return connections.size();
  }

  /** Statements recorded now, over every connection. */
  int statements() {
    int n = 0;
    for (ClientConnection c : connections.values()) {
      synchronized (c) {
        n += c.statements.size();
      }
    }
    return n;
  }

  /** Records a call of statement {@code statementId} starting on connection {@code connectionId}. */
  void started(String connectionId, int statementId, StatementTimeouts.Watch watch) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      synchronized (c) {
        c.running.add(new Running(statementId, watch));
      }
    }
  }

  /** Records the call's end and closes its watch; from now on no cancel reaches it. */
  void finished(String connectionId, StatementTimeouts.Watch watch) {
    ClientConnection c = connections.get(connectionId);
    if (c != null) {
      synchronized (c) {
        c.running.removeIf(r -> r.watch() == watch);
      }
    }
    watch.close();
  }

  /**
   * Cancels the calls of statement {@code statementId} running on connection {@code connectionId}
   * at the request of {@code user}. Another user's connection is {@link Outcome#UNKNOWN_CONNECTION},
   * as one that does not exist. {@code live} tells whether Avatica still has a statement (it
   * expires idle ones without telling).
   */
  Outcome cancel(String connectionId, int statementId, String user, IntPredicate live) {
    ClientConnection c = of(connectionId, user);
    if (c == null) {
      return Outcome.UNKNOWN_CONNECTION;
    }
    synchronized (c) {
      if (!c.statements.containsKey(statementId) || !live.test(statementId)) {
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
}
