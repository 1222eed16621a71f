package dev.asyncdb.stores.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code _async_db_commits} side table of a SQL store: one row (commit id, time) per write
 * spanning several stores, inserted in the same transaction as the write's statements. The row
 * exists exactly when that transaction committed, which is what recovery asks. It is created the
 * first time a store takes part in such a write (one-store writes never touch it), with
 * {@code CREATE TABLE IF NOT EXISTS} beside the store's other tables; the original product's tables
 * are not changed. Rows are deleted once the json store's log no longer refers to them.
 */
public final class CommitMarkers {
  /** Name of the marker table, in both layouts. */
  public static final String TABLE = "_async_db_commits";
  /** Ids per {@code DELETE … IN (…)}, well below the drivers' parameter limits. */
  private static final int DELETE_CHUNK = 500;

  private final String schema;
  private final String qualified;
  private final List<String> ddl;
  // Guarded by the store that owns these markers.
  private boolean created;

  private CommitMarkers(String schema, String qualified, List<String> ddl) {
    this.schema = schema;
    this.qualified = qualified;
    this.ddl = ddl;
  }

  /** The marker table in a SQLite file. */
  public static CommitMarkers sqlite() {
    return new CommitMarkers(null, "\"" + TABLE + "\"", List.of("CREATE TABLE IF NOT EXISTS \"" + TABLE + "\"(\"commit_id\" TEXT PRIMARY KEY, "
        + "\"committed_at\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT"));
  }

  /** The marker table in a PostgreSQL schema (the store's {@code schema} option, where its envelopes live). */
  public static CommitMarkers postgres(String schema) {
    String q = quote(schema) + "." + quote(TABLE);
    List<String> ddl = new ArrayList<>();
    if (!schema.equals("public")) {
      ddl.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
    ddl.add("CREATE TABLE IF NOT EXISTS " + q + " (commit_id TEXT PRIMARY KEY, committed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    return new CommitMarkers(schema, q, ddl);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Where the markers live, for messages. */
  public String table() {
    return qualified.replace("\"", "");
  }

  /** Creates the table once per store, in autocommit mode, before the first transaction that inserts a marker. */
  public void ensureCreated(Connection c) throws SQLException {
    if (created) {
      return;
    }
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) {
        s.execute(sql);
      }
    }
    created = true;
  }

  /** Inserts the marker of {@code commitId} in the connection's open transaction. */
  public void insert(Connection c, String commitId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (commit_id) VALUES (?)")) {
      ps.setString(1, commitId);
      ps.executeUpdate();
    }
  }

  /** Whether the marker of {@code commitId} exists (committed); false when the table was never created. */
  public boolean exists(Connection c, String commitId) throws SQLException {
    if (!tableExists(c)) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + qualified + " WHERE commit_id = ?")) {
      ps.setString(1, commitId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Deletes the markers of {@code commitIds}, in autocommit mode; returns how many rows went. */
  public int delete(Connection c, Collection<String> commitIds) throws SQLException {
    if (commitIds.isEmpty() || !tableExists(c)) {
      return 0;
    }
    List<String> ids = new ArrayList<>(commitIds);
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified + " WHERE commit_id IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        deleted += ps.executeUpdate();
      }
    }
    return deleted;
  }

  private boolean tableExists(Connection c) throws SQLException {
    if (created) {
      return true;
    }
    try (ResultSet rs = c.getMetaData().getTables(null, schema, TABLE, null)) {
      while (rs.next()) {
        if (TABLE.equals(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
      return false;
    }
  }
}
