package dev.asyncdb.calcite;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.runtime.DeferredRows;
import dev.asyncdb.engine.runtime.Snapshot;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rows of the introspection tables: the {@code meta} schema (resources, fields, relations,
 * diagnostics, table_info) and SQLite's {@code sqlite_master}, computed from the open project.
 */
final class Introspection {
  private final AsyncDb db;

  Introspection(AsyncDb db) {
    this.db = db;
  }

  List<Object[]> resources() {
    List<Object[]> out = new ArrayList<>();
    Snapshot snapshot = db.database().snapshot();
    for (ResourceDefinition d : db.definitions()) {
      ResourceSchema s = d.schema();
      Long rows = s.isCollection() ? rowCount(snapshot, d.name()) : Long.valueOf(1);
      out.add(new Object[] {d.name(), d.kind().label(), d.typeName(), d.routePath(), s.isCollection() ? String.join(",", s.keyFields()) : null,
          d.store(), d.source().dataPath() != null ? d.source().dataPath() : d.source().schemaPath(), s.typeSource(), rows, s.description()});
    }
    return out;
  }

  /**
   * Records of a collection; a mapped table whose rows are not in memory is counted by its database
   * (listing the project never reads a table into memory), and is NULL when the database cannot
   * answer: one unreachable database does not make the project's metadata fail.
   */
  private static Long rowCount(Snapshot snapshot, String name) {
    DeferredRows inDatabase = snapshot.deferred(name);
    if (inDatabase == null) {
      return (long) snapshot.rows(name).size();
    }
    try {
      return inDatabase.count();
    } catch (DbException e) {
      return null;
    }
  }

  List<Object[]> fields() {
    List<Object[]> out = new ArrayList<>();
    for (ResourceDefinition d : db.definitions()) {
      int position = 0;
      for (SqlColumn c : CollectionTable.columnsOf(d.schema())) {
        FieldDef f = d.schema().field(c.name());
        out.add(new Object[] {d.name(), c.name(), ++position, f == null ? "json" : f.type().label(), sqlType(c), !c.nullable(),
            f != null && f.required(), f != null && d.schema().isCollection() && d.schema().keyFields().contains(f.name()),
            f == null || f.values() == null ? null : Json.write(f.values()), f != null && f.hasDefault() ? Json.write(f.defaultValue()) : null,
            f == null ? "The whole record as JSON." : f.description()});
      }
    }
    return out;
  }

  /**
   * Declared indexes ({@code resources.<name>.indexes}, also written by CREATE INDEX): one row per
   * indexed field, named by the declaration's {@code name} or {@code idx_<resource>_<fields>}.
   */
  List<Object[]> indexes() {
    List<Object[]> out = new ArrayList<>();
    for (ResourceDefinition d : db.definitions()) {
      Object declared = db.config().get("resources." + d.name() + ".indexes");
      if (!(declared instanceof List<?> list)) {
        continue;
      }
      for (Object item : list) {
        List<String> fields;
        String name = null;
        boolean unique = false;
        if (item instanceof String field) {
          fields = List.of(field);
        } else if (item instanceof List<?> fs) {
          fields = fs.stream().map(String::valueOf).toList();
        } else if (item instanceof java.util.Map<?, ?> m && m.get("fields") instanceof List<?> fs) {
          fields = fs.stream().map(String::valueOf).toList();
          name = m.get("name") instanceof String n ? n : null;
          unique = Boolean.TRUE.equals(m.get("unique"));
        } else {
          continue;
        }
        String indexName = name != null ? name : "idx_" + d.name() + "_" + String.join("_", fields);
        for (int i = 0; i < fields.size(); i++) {
          out.add(new Object[] {d.name(), indexName, unique, (long) (i + 1), fields.get(i)});
        }
      }
    }
    return out;
  }

  List<Object[]> relations() {
    List<Object[]> out = new ArrayList<>();
    for (ResourceDefinition d : db.definitions()) {
      for (FieldDef f : d.schema().fields().values()) {
        if (f.relation() != null) {
          out.add(new Object[] {d.name(), f.name(), f.relation().name(), f.relation().to(), f.relation().toField(), f.relation().cardinality()});
        }
      }
    }
    return out;
  }

  List<Object[]> diagnostics() {
    List<Object[]> out = new ArrayList<>();
    for (Diagnostic g : db.diagnostics()) {
      out.add(new Object[] {g.code(), g.severity().label(), g.resource(), g.field(), g.file(), g.line() == null ? null : g.line().longValue(),
          g.column() == null ? null : g.column().longValue(), g.message(), g.hint()});
    }
    return out;
  }

  /** SQLite's PRAGMA table_info columns, one row per column of every table. */
  List<Object[]> tableInfo() {
    List<Object[]> out = new ArrayList<>();
    for (ResourceDefinition d : db.definitions()) {
      long cid = 0;
      List<String> keys = d.schema().isCollection() ? d.schema().keyFields() : List.of();
      for (SqlColumn c : CollectionTable.columnsOf(d.schema())) {
        FieldDef f = d.schema().field(c.name());
        int pk = keys.indexOf(c.name()) + 1;
        out.add(new Object[] {d.name(), cid++, c.name(), sqlType(c), c.nullable() ? 0L : 1L,
            f != null && f.hasDefault() ? Json.write(f.defaultValue()) : null, (long) pk});
      }
    }
    return out;
  }

  /** SQLite's sqlite_master: one row per table with the CREATE TABLE text that describes it. */
  List<Object[]> sqliteMaster() {
    List<Object[]> out = new ArrayList<>();
    for (ResourceDefinition d : db.definitions()) {
      out.add(new Object[] {"table", d.name(), d.name(), 0L, createTable(d)});
    }
    return out;
  }

  static String createTable(ResourceDefinition d) {
    StringBuilder sb = new StringBuilder("CREATE TABLE \"").append(d.name()).append("\" (");
    List<SqlColumn> cols = CollectionTable.columnsOf(d.schema());
    for (int i = 0; i < cols.size(); i++) {
      SqlColumn c = cols.get(i);
      sb.append(i == 0 ? "" : ", ").append('"').append(c.name()).append("\" ").append(sqlType(c)).append(c.nullable() ? "" : " NOT NULL");
    }
    if (d.schema().isCollection()) {
      sb.append(", PRIMARY KEY (");
      List<String> keys = d.schema().keyFields();
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append('"');
      }
      sb.append(')');
    }
    return sb.append(')').toString();
  }

  static String sqlType(SqlColumn c) {
    return c.type() == SqlTypeName.TIMESTAMP ? "TIMESTAMP(3)" : c.type().getName();
  }
}
