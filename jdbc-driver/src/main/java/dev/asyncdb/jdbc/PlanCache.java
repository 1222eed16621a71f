package dev.asyncdb.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prepared plans of one connection, keyed by literal-normalized SQL, so ad-hoc {@code Statement}
 * queries that differ only in literals (or repeat exactly) are planned once. A prepared statement is checked out while
 * a statement uses it and returned when that statement runs its next query or closes, so two open
 * result sets never share one. Templates Calcite cannot prepare are remembered and run as written.
 */
final class PlanCache {
  private static final int MAX_TEMPLATES = 256;

  private final Connection connection;
  private final Map<String, Deque<PreparedStatement>> idle = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<String> uncacheable = new HashSet<>();

  PlanCache(Connection connection) {
    this.connection = connection;
  }

  /** A prepared statement for the template, or null when it cannot be prepared. */
  synchronized PreparedStatement checkout(String template) {
    if (uncacheable.contains(template)) {
      return null;
    }
    Deque<PreparedStatement> pool = idle.get(template);
    PreparedStatement ps = pool == null ? null : pool.pollFirst();
    if (ps != null) {
      return ps;
    }
    try {
      return connection.prepareStatement(template);
    } catch (SQLException e) {
      uncacheable.add(template);
      return null;
    }
  }

  synchronized void release(String template, PreparedStatement ps) {
    try {
      if (ps.isClosed()) {
        return;
      }
      ps.clearParameters();
    } catch (SQLException e) {
      return;
    }
    idle.computeIfAbsent(template, t -> new ArrayDeque<>()).addFirst(ps);
    if (idle.size() > MAX_TEMPLATES) {
      String eldest = idle.keySet().iterator().next();
      for (PreparedStatement old : idle.remove(eldest)) {
        closeQuietly(old);
      }
    }
  }

  /** Closes the cached plans and forgets what could not be prepared (after DDL it may be). */
  synchronized void close() {
    idle.values().forEach(pool -> pool.forEach(PlanCache::closeQuietly));
    idle.clear();
    uncacheable.clear();
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // Closing a cached plan cannot fail in a way the caller could act on.
    }
  }
}
