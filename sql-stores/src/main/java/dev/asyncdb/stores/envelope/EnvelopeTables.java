package dev.asyncdb.stores.envelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one envelope layout: the original's envelope table, exactly as it creates it, plus
 * the {@code _async_db_changes} log beside it. SQLite and PostgreSQL differ only in these strings
 * and in the PostgreSQL {@code namespace} column, so one class holds both.
 */
public final class EnvelopeTables {
  /** Name of the record-change log table, in both layouts. */
  public static final String CHANGES = "_async_db_changes";

  private final String describe;
  private final String schema;
  private final String table;
  private final String namespace;
  private final List<String> ddl;
  private final String upsert;
  private final String qualified;
  private final String changes;

  private EnvelopeTables(String describe, String schema, String table, String namespace, List<String> ddl, String upsert,
      String qualified, String changes) {
    this.describe = describe;
    this.schema = schema;
    this.table = table;
    this.namespace = namespace;
    this.ddl = ddl;
    this.upsert = upsert;
    this.qualified = qualified;
    this.changes = changes;
  }

  /** {@code "_db_resources"} in a SQLite file (PRODUCT.md §15). */
  public static EnvelopeTables sqlite(String file) {
    return new EnvelopeTables("SQLite file " + file + ", table _db_resources", null, "_db_resources", null, List.of(
        "CREATE TABLE IF NOT EXISTS \"_db_resources\"(\"name\" TEXT PRIMARY KEY, \"kind\" TEXT NOT NULL, \"source_hash\" TEXT, \"value\" TEXT NOT NULL) STRICT",
        "CREATE TABLE IF NOT EXISTS \"" + CHANGES + "\"(\"seq\" INTEGER PRIMARY KEY, \"name\" TEXT NOT NULL, \"op\" TEXT NOT NULL, \"key\" TEXT, \"value\" TEXT) STRICT"),
        "INSERT INTO \"_db_resources\"(\"name\", \"kind\", \"source_hash\", \"value\") VALUES (?, ?, ?, ?) "
            + "ON CONFLICT(\"name\") DO UPDATE SET \"kind\" = excluded.\"kind\", \"source_hash\" = excluded.\"source_hash\", \"value\" = excluded.\"value\"",
        "\"_db_resources\"", "\"" + CHANGES + "\"");
  }

  /** {@code "<schema>"."<table>"} (default {@code _async_db_resources}) in PostgreSQL, rows of one namespace. */
  public static EnvelopeTables postgres(String where, String schema, String table, String namespace) {
    String q = quote(schema) + "." + quote(table);
    String log = quote(schema) + "." + quote(CHANGES);
    List<String> ddl = new ArrayList<>();
    if (!schema.equals("public")) {
      ddl.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
    ddl.add("CREATE TABLE IF NOT EXISTS " + q + " (namespace TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, source_hash TEXT, "
        + "value JSONB NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (namespace, name))");
    ddl.add("CREATE TABLE IF NOT EXISTS " + log + " (seq BIGSERIAL PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, op TEXT NOT NULL, key TEXT, value TEXT)");
    return new EnvelopeTables("PostgreSQL " + where + ", table " + schema + "." + table + ", namespace " + namespace, schema, table, namespace, ddl,
        "INSERT INTO " + q + " (namespace, name, kind, source_hash, value) VALUES (?, ?, ?, ?, ?::jsonb) "
            + "ON CONFLICT (namespace, name) DO UPDATE SET kind = excluded.kind, source_hash = excluded.source_hash, value = excluded.value, updated_at = CURRENT_TIMESTAMP",
        q, log);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Where the envelopes live, for messages. */
  public String describe() {
    return describe;
  }

  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) {
        s.execute(sql);
      }
    }
  }

  /** Whether the envelope table exists (read-only opens never create it). */
  public boolean exists(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, schema, table, null)) {
      return rs.next();
    }
  }

  /** The stored envelope of a resource, or null. */
  public Envelope read(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT kind, source_hash, value FROM " + qualified + " WHERE name = ?" + ns())) {
      bind(ps, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Envelope(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
      }
    }
  }

  public void write(Connection c, String name, String kind, String sourceHash, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert)) {
      int i = 1;
      if (namespace != null) {
        ps.setString(i++, namespace);
      }
      ps.setString(i++, name);
      ps.setString(i++, kind);
      ps.setString(i++, sourceHash);
      ps.setString(i, value);
      ps.executeUpdate();
    }
  }

  /** The logged changes of a resource not yet folded into its envelope, oldest first. */
  public List<LoggedChange> changes(Connection c, String name) throws SQLException {
    List<LoggedChange> out = new ArrayList<>();
    if (!hasChangeLog(c)) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT op, key, value FROM " + changes + " WHERE name = ?" + ns() + " ORDER BY seq")) {
      bind(ps, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LoggedChange(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  private boolean hasChangeLog(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, schema, CHANGES, null)) {
      return rs.next();
    }
  }

  /** Prepares the insert of one logged change: parameters name, op, key, value. */
  public PreparedStatement logStatement(Connection c) throws SQLException {
    return c.prepareStatement(namespace == null
        ? "INSERT INTO " + changes + " (name, op, key, value) VALUES (?, ?, ?, ?)"
        : "INSERT INTO " + changes + " (name, op, key, value, namespace) VALUES (?, ?, ?, ?, '" + namespace.replace("'", "''") + "')");
  }

  public void clearChanges(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + changes + " WHERE name = ?" + ns())) {
      bind(ps, name);
      ps.executeUpdate();
    }
  }

  private String ns() {
    return namespace == null ? "" : " AND namespace = ?";
  }

  private void bind(PreparedStatement ps, String name) throws SQLException {
    ps.setString(1, name);
    if (namespace != null) {
      ps.setString(2, namespace);
    }
  }

  /** One stored envelope row. */
  public record Envelope(String kind, String sourceHash, String value) {}

  /** One logged record change: op i/u/d, the record key, the record's JSON after the change. */
  public record LoggedChange(String op, String key, String value) {}
}
