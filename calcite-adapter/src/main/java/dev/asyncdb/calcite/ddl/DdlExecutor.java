package dev.asyncdb.calcite.ddl;

import dev.asyncdb.calcite.ddl.DdlStatement.Column;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.WriteOptions;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs DDL as changes to the project's files: a table is a schema file
 * ({@code db/<table>.schema.json}, marked {@code "createdBy": "sql"}), an index an entry of
 * {@code resources.<table>.indexes} in {@code db.config.json}, a view a {@code db/<view>.view.sql}
 * file. The engine reads those files when it opens, so every change asks for a reload; changes
 * to stored records (dropping or renaming a column) run on the reloaded engine.
 */
public final class DdlExecutor {
  /** The file marker of tables DDL created, which DROP TABLE may delete without FORCE. */
  static final String CREATED_BY = "createdBy";
  private static final String VIEW_SUFFIX = ".view.sql";

  /** What a statement did: whether the engine must reload, and what then runs on the reloaded engine. */
  public record Outcome(boolean reload, Consumer<AsyncDb> afterReload) {
    static final Outcome NOTHING = new Outcome(false, null);
    static final Outcome RELOAD = new Outcome(true, null);
  }

  /** Checks that a view's query is valid SQL on this connection. */
  public interface QueryCheck {
    void check(String sql) throws Exception;
  }

  private final AsyncDb db;
  private final QueryCheck queryCheck;
  private final Path root;
  private final Path dbDir;

  public DdlExecutor(AsyncDb db, QueryCheck queryCheck) {
    this.db = db;
    this.queryCheck = queryCheck;
    this.root = db.projectRoot();
    this.dbDir = db.paths().dbDir();
  }

  public Outcome execute(DdlStatement statement) {
    if (statement instanceof DdlStatement.CreateTable s) {
      return createTable(s);
    } else if (statement instanceof DdlStatement.DropTable s) {
      return dropTable(s);
    } else if (statement instanceof DdlStatement.AddColumn s) {
      return addColumn(s);
    } else if (statement instanceof DdlStatement.DropColumn s) {
      return dropColumn(s);
    } else if (statement instanceof DdlStatement.RenameColumn s) {
      return renameColumn(s);
    } else if (statement instanceof DdlStatement.CreateIndex s) {
      return createIndex(s);
    } else if (statement instanceof DdlStatement.DropIndex s) {
      return dropIndex(s);
    } else if (statement instanceof DdlStatement.CreateView s) {
      return createView(s);
    }
    return dropView((DdlStatement.DropView) statement);
  }

  /** Saved views of a project folder: name to query. */
  public static Map<String, String> views(Path dbDir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dbDir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dbDir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(VIEW_SUFFIX) && Files.isRegularFile(f)) {
          out.put(name.substring(0, name.length() - VIEW_SUFFIX.length()), Files.readString(f, StandardCharsets.UTF_8).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  // ---- tables ----

  private Outcome createTable(DdlStatement.CreateTable s) {
    ResourceDefinition existing = find(s.table());
    Path file = dbDir.resolve(s.table() + ".schema.json");
    if (existing != null || Files.exists(file) || views(dbDir).keySet().stream().anyMatch(v -> v.equalsIgnoreCase(s.table()))) {
      if (s.ifNotExists()) {
        return Outcome.NOTHING;
      }
      throw error("SQL_TABLE_EXISTS", "42S01", "Table " + s.table() + " already exists" + (existing == null ? "" : " (" + where(existing) + ")") + ".",
          "Use CREATE TABLE IF NOT EXISTS, or DROP TABLE first.", s.table());
    }
    if (!Names.isSafeResourceName(s.table())) {
      throw error("SQL_NAME_INVALID", "42602", "Table name " + s.table() + " cannot name a file under db/.",
          "Use letters, digits, '_' and '-' only.", s.table());
    }
    List<String> key = !s.primaryKey().isEmpty() ? s.primaryKey() : s.columns().stream().filter(Column::primaryKey).map(Column::name).toList();
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("kind", "collection");
    schema.put(CREATED_BY, "sql");
    if (key.size() == 1 && !key.get(0).equals("id")) {
      schema.put("idField", key.get(0));
    } else if (key.size() > 1) {
      schema.put("identity", Map.of("fields", key));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Column c : s.columns()) {
      fields.put(c.name(), field(c));
    }
    schema.put("fields", fields);
    schema.put("seed", List.of());
    ProjectFiles.writeJson(file, schema);
    return Outcome.RELOAD;
  }

  private Map<String, Object> field(Column c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", c.type().label());
    if (c.notNull()) {
      f.put("required", true);
    }
    if (c.hasDefault()) {
      f.put("default", c.defaultValue());
    }
    if (c.values() != null) {
      f.put("values", c.values());
    }
    if (c.unique()) {
      f.put("unique", true);
    }
    if (c.min() != null) {
      f.put("min", c.min());
    }
    if (c.max() != null) {
      f.put("max", c.max());
    }
    if (c.maxLength() != null) {
      f.put("maxLength", c.maxLength());
    }
    if (c.references() != null) {
      ResourceDefinition target = find(c.references());
      if (target == null || !target.schema().isCollection()) {
        throw error("SQL_TABLE_NOT_FOUND", "42S02", "Column " + c.name() + " references table " + c.references() + ", which does not exist.",
            "Create " + c.references() + " first.", c.references());
      }
      Map<String, Object> relation = new LinkedHashMap<>();
      relation.put("to", target.name());
      if (!"id".equals(target.schema().idField())) {
        relation.put("toField", target.schema().idField());
      }
      f.put("relation", relation);
    }
    return f;
  }

  private Outcome dropTable(DdlStatement.DropTable s) {
    List<ResourceDefinition> targets = new ArrayList<>();
    for (String name : s.tables()) {
      ResourceDefinition d = find(name);
      if (d == null) {
        if (s.ifExists()) {
          continue;
        }
        throw notFound(name);
      }
      if (!s.force() && !createdBySql(d)) {
        throw error("SQL_TABLE_NOT_OURS", "0A000", "Table " + d.name() + " comes from " + where(d) + ", a project file SQL did not create;"
            + " DROP TABLE would delete it.", "Delete the file yourself, or run DROP TABLE " + d.name() + " FORCE to delete it with the table's state.",
            d.name());
      }
      targets.add(d);
    }
    if (!targets.isEmpty()) {
      // Logged writes go to their state files now, so closing the engine for the reload has nothing
      // left to write back into the state files deleted below.
      db.checkpoint();
    }
    for (ResourceDefinition d : targets) {
      if (d.source().schemaPath() != null) {
        ProjectFiles.delete(root.resolve(d.source().schemaPath()));
      }
      if (d.source().dataPath() != null) {
        ProjectFiles.delete(root.resolve(d.source().dataPath()));
      }
      ProjectFiles.delete(db.paths().statePath().resolve(d.name() + ".json"));
      removeIndexes(d.name(), null);
    }
    return targets.isEmpty() ? Outcome.NOTHING : Outcome.RELOAD;
  }

  private boolean createdBySql(ResourceDefinition d) {
    if (d.source().dataPath() != null || d.source().schemaPath() == null) {
      return false;
    }
    Map<String, Object> schema = ProjectFiles.readObject(root.resolve(d.source().schemaPath()));
    return schema != null && "sql".equals(schema.get(CREATED_BY));
  }

  // ---- columns ----

  private Outcome addColumn(DdlStatement.AddColumn s) {
    ResourceDefinition d = require(s.table());
    Column c = s.column();
    if (field(d, c.name()) != null) {
      if (s.ifNotExists()) {
        return Outcome.NOTHING;
      }
      throw error("SQL_COLUMN_EXISTS", "42S21", "Table " + d.name() + " already has a column " + field(d, c.name()).name() + ".",
          "Use ADD COLUMN IF NOT EXISTS, or pick another name.", d.name());
    }
    if (c.primaryKey()) {
      throw error("SQL_DDL_UNSUPPORTED", "0A000", "A key column cannot be added to " + d.name() + "; a table's key is fixed when it is created.",
          "Create a new table with the key you want and copy the rows with INSERT … SELECT.", d.name());
    }
    long rows = rows(d);
    if (c.notNull() && !c.hasDefault() && rows > 0) {
      throw error("SQL_COLUMN_NEEDS_DEFAULT", "23502", "Column " + c.name() + " is NOT NULL but " + d.name() + " has " + rows
          + " row(s) without a value for it.", "Give it a DEFAULT (existing rows get it), or add it without NOT NULL.", d.name());
    }
    Map<String, Object> schema = schemaOf(d);
    fields(schema).put(c.name(), field(c));
    ProjectFiles.writeJson(schemaFile(d), schema);
    return Outcome.RELOAD;
  }

  private Outcome dropColumn(DdlStatement.DropColumn s) {
    ResourceDefinition d = require(s.table());
    FieldDef f = field(d, s.column());
    if (f == null) {
      if (s.ifExists()) {
        return Outcome.NOTHING;
      }
      throw columnNotFound(d, s.column());
    }
    refuseKey(d, f, "dropped");
    Map<String, Object> schema = schemaOf(d);
    fields(schema).remove(f.name());
    ProjectFiles.writeJson(schemaFile(d), schema);
    removeIndexes(d.name(), f.name());
    String name = d.name();
    return new Outcome(true, next -> rewrite(next, name, f.name(), current -> {
      current.remove(f.name());
      return current;
    }));
  }

  private Outcome renameColumn(DdlStatement.RenameColumn s) {
    ResourceDefinition d = require(s.table());
    FieldDef f = field(d, s.from());
    if (f == null) {
      throw columnNotFound(d, s.from());
    }
    refuseKey(d, f, "renamed");
    if (field(d, s.to()) != null) {
      throw error("SQL_COLUMN_EXISTS", "42S21", "Table " + d.name() + " already has a column " + s.to() + ".", "Pick another name.", d.name());
    }
    Map<String, Object> schema = schemaOf(d);
    Map<String, Object> renamed = new LinkedHashMap<>();
    fields(schema).forEach((k, v) -> renamed.put(k.equals(f.name()) ? s.to() : k, v));
    schema.put("fields", renamed);
    ProjectFiles.writeJson(schemaFile(d), schema);
    String name = d.name();
    return new Outcome(true, next -> rewrite(next, name, f.name(), current -> {
      Map<String, Object> out = new LinkedHashMap<>();
      current.forEach((k, v) -> out.put(k.equals(f.name()) ? s.to() : k, v));
      return out;
    }));
  }

  private void refuseKey(ResourceDefinition d, FieldDef f, String what) {
    if (d.schema().isCollection() && d.schema().keyFields().contains(f.name())) {
      throw error("SQL_DDL_UNSUPPORTED", "0A000", "Column " + f.name() + " is the key of " + d.name() + " and cannot be " + what + ".",
          "Create a new table with the key you want and copy the rows with INSERT … SELECT.", d.name());
    }
  }

  /** Changes every record (or the document) holding a field, each on its own: a record the new schema rejects keeps its old form. */
  private static void rewrite(AsyncDb db, String table, String field, UnaryOperator<Map<String, Object>> change) {
    ResourceSchema schema = db.schema(table);
    Transaction tx = Transaction.begin(db);
    if (!schema.isCollection()) {
      if (tx.document(table) != null && tx.document(table).containsKey(field)) {
        tx.updateDocument(table, change, WriteOptions.NONE);
      }
    } else {
      for (Map<String, Object> record : db.collection(table).all()) {
        if (!record.containsKey(field)) {
          continue;
        }
        Object key = schema.keyFields().size() == 1 ? record.get(schema.keyFields().get(0)) : record;
        int savepoint = tx.savepoint();
        try {
          tx.update(table, key, change, WriteOptions.NONE);
        } catch (DbException e) {
          tx.rollbackTo(savepoint);
        }
      }
    }
    tx.commit();
  }

  // ---- indexes ----

  private Outcome createIndex(DdlStatement.CreateIndex s) {
    ResourceDefinition d = require(s.table());
    List<String> columns = new ArrayList<>();
    for (String c : s.columns()) {
      FieldDef f = field(d, c);
      if (f == null) {
        throw columnNotFound(d, c);
      }
      columns.add(f.name());
    }
    Map<String, Object> config = config();
    if (indexOwner(config, s.index()) != null) {
      if (s.ifNotExists()) {
        return Outcome.NOTHING;
      }
      throw error("SQL_INDEX_EXISTS", "42S11", "Index " + s.index() + " already exists (on " + indexOwner(config, s.index()) + ").",
          "Use CREATE INDEX IF NOT EXISTS, or another name.", d.name());
    }
    if (s.unique()) {
      if (columns.size() != 1) {
        throw error("SQL_DDL_UNSUPPORTED", "0A000", "A UNIQUE index over several columns cannot be enforced by Async DB.",
            "Create a unique index on one column.", d.name());
      }
      checkNoDuplicates(d, columns.get(0));
      Map<String, Object> schema = schemaOf(d);
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) fields(schema).get(columns.get(0));
      f.put("unique", true);
      ProjectFiles.writeJson(schemaFile(d), schema);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("name", s.index());
    index.put("fields", columns);
    if (s.unique()) {
      index.put("unique", true);
    }
    indexes(config, d.name()).add(index);
    ProjectFiles.writeJson(configFile(), config);
    return Outcome.RELOAD;
  }

  private void checkNoDuplicates(ResourceDefinition d, String field) {
    Map<String, Object> seen = new java.util.HashMap<>();
    for (Map<String, Object> record : db.collection(d.name()).all()) {
      Object v = record.get(field);
      if (v != null && !"".equals(v)) {
        Object first = seen.putIfAbsent(Json.canonical(v), record.get(d.schema().keyFields().get(0)));
        if (first != null) {
          throw error("SQL_UNIQUE_INDEX_DUPLICATES", "23505", "Cannot create a unique index on " + d.name() + "." + field + ": records " + first
              + " and " + record.get(d.schema().keyFields().get(0)) + " both hold " + Json.write(v) + ".", "Make the values distinct first.", d.name());
        }
      }
    }
  }

  private Outcome dropIndex(DdlStatement.DropIndex s) {
    Map<String, Object> config = config();
    String owner = indexOwner(config, s.index());
    if (owner == null) {
      if (s.ifExists()) {
        return Outcome.NOTHING;
      }
      throw error("SQL_INDEX_NOT_FOUND", "42S12", "Index " + s.index() + " does not exist.", "Declared indexes are listed by DatabaseMetaData.getIndexInfo.",
          s.index());
    }
    List<Map<String, Object>> list = indexes(config, owner);
    Map<String, Object> index = list.stream().filter(i -> s.index().equalsIgnoreCase(String.valueOf(i.get("name")))).findFirst().orElseThrow();
    list.remove(index);
    ProjectFiles.writeJson(configFile(), config);
    ResourceDefinition d = find(owner);
    if (d != null && Boolean.TRUE.equals(index.get("unique")) && index.get("fields") instanceof List<?> fs && fs.size() == 1) {
      Map<String, Object> schema = schemaOf(d);
      if (fields(schema).get(String.valueOf(fs.get(0))) instanceof Map<?, ?> f) {
        f.remove("unique");
        ProjectFiles.writeJson(schemaFile(d), schema);
      }
    }
    return Outcome.RELOAD;
  }

  /** Drops a table's declared indexes (all, or those over one column). */
  private void removeIndexes(String table, String column) {
    Map<String, Object> config = config();
    List<Map<String, Object>> list = indexes(config, table);
    boolean changed = list.removeIf(i -> column == null || i.get("fields") instanceof List<?> fs && fs.contains(column));
    if (changed) {
      ProjectFiles.writeJson(configFile(), config);
    }
  }

  private Path configFile() {
    return root.resolve("db.config.json");
  }

  private Map<String, Object> config() {
    Map<String, Object> config = ProjectFiles.readObject(configFile());
    return config == null ? new LinkedHashMap<>() : config;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> indexes(Map<String, Object> config, String table) {
    Map<String, Object> resources = (Map<String, Object>) config.computeIfAbsent("resources", k -> new LinkedHashMap<>());
    Map<String, Object> resource = (Map<String, Object>) resources.computeIfAbsent(table, k -> new LinkedHashMap<>());
    return (List<Map<String, Object>>) resource.computeIfAbsent("indexes", k -> new ArrayList<>());
  }

  private static String indexOwner(Map<String, Object> config, String index) {
    if (config.get("resources") instanceof Map<?, ?> resources) {
      for (Map.Entry<?, ?> e : resources.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> r && r.get("indexes") instanceof List<?> list) {
          for (Object i : list) {
            if (i instanceof Map<?, ?> m && index.equalsIgnoreCase(String.valueOf(m.get("name")))) {
              return String.valueOf(e.getKey());
            }
          }
        }
      }
    }
    return null;
  }

  // ---- views ----

  private Outcome createView(DdlStatement.CreateView s) {
    Path file = dbDir.resolve(s.view() + VIEW_SUFFIX);
    if (find(s.view()) != null) {
      throw error("SQL_TABLE_EXISTS", "42S01", "A table named " + s.view() + " already exists.", "Name the view differently.", s.view());
    }
    if (Files.exists(file) && !s.orReplace()) {
      throw error("SQL_VIEW_EXISTS", "42S01", "View " + s.view() + " already exists.", "Use CREATE OR REPLACE VIEW.", s.view());
    }
    if (!Names.isSafeResourceName(s.view())) {
      throw error("SQL_NAME_INVALID", "42602", "View name " + s.view() + " cannot name a file under db/.", "Use letters, digits, '_' and '-' only.",
          s.view());
    }
    try {
      queryCheck.check(s.query());
    } catch (Exception e) {
      throw error("SQL_VIEW_INVALID", "42000", "The query of view " + s.view() + " is not valid: " + e.getMessage(), "Fix the query; it is stored as written.",
          s.view());
    }
    ProjectFiles.writeText(file, s.query() + "\n");
    return Outcome.RELOAD;
  }

  private Outcome dropView(DdlStatement.DropView s) {
    for (Map.Entry<String, String> v : views(dbDir).entrySet()) {
      if (v.getKey().equalsIgnoreCase(s.view())) {
        ProjectFiles.delete(dbDir.resolve(v.getKey() + VIEW_SUFFIX));
        return Outcome.RELOAD;
      }
    }
    if (s.ifExists()) {
      return Outcome.NOTHING;
    }
    throw error("SQL_VIEW_NOT_FOUND", "42S02", "View " + s.view() + " does not exist.", "Saved views are the db/*.view.sql files.", s.view());
  }

  // ---- lookups ----

  /** A resource by SQL name: exact, then ignoring case, then through the engine's name aliases ({@code audit_log} finds {@code auditLog}). */
  private ResourceDefinition find(String name) {
    Set<String> candidates = new HashSet<>(List.of(name, Names.camelCase(name)));
    for (ResourceDefinition d : db.definitions()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    for (ResourceDefinition d : db.definitions()) {
      for (String c : candidates) {
        if (d.name().equalsIgnoreCase(c)) {
          return d;
        }
      }
    }
    return null;
  }

  private ResourceDefinition require(String name) {
    ResourceDefinition d = find(name);
    if (d == null) {
      throw notFound(name);
    }
    return d;
  }

  private static FieldDef field(ResourceDefinition d, String name) {
    FieldDef exact = d.schema().field(name);
    if (exact != null) {
      return exact;
    }
    return d.schema().fields().values().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private long rows(ResourceDefinition d) {
    return d.schema().isCollection() ? db.collection(d.name()).count() : 1;
  }

  /** The table's schema file as a mutable map; for a data-first table, its inferred schema, which the new file declares. */
  private Map<String, Object> schemaOf(ResourceDefinition d) {
    if (d.source().schemaPath() != null) {
      Map<String, Object> schema = ProjectFiles.readObject(root.resolve(d.source().schemaPath()));
      if (schema != null) {
        return schema;
      }
    }
    ResourceSchema s = d.schema();
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("kind", s.kind().label());
    if (s.isCollection() && s.hasCompoundKey()) {
      schema.put("identity", Map.of("fields", s.identityFields()));
    } else if (s.isCollection() && !"id".equals(s.idField())) {
      schema.put("idField", s.idField());
    }
    schema.put("fields", s.fieldsToMap());
    return schema;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Map<String, Object> schema) {
    return (Map<String, Object>) schema.computeIfAbsent("fields", k -> new LinkedHashMap<>());
  }

  private Path schemaFile(ResourceDefinition d) {
    return d.source().schemaPath() != null ? root.resolve(d.source().schemaPath()) : dbDir.resolve(d.name() + ".schema.json");
  }

  private static String where(ResourceDefinition d) {
    return d.source().dataPath() != null ? d.source().dataPath() : d.source().schemaPath() != null ? d.source().schemaPath() : "the project";
  }

  private DbException notFound(String name) {
    return error("SQL_TABLE_NOT_FOUND", "42S02", "Table " + name + " does not exist.", "Tables: " + String.join(", ", db.resourceNames()) + ".", name);
  }

  private static DbException columnNotFound(ResourceDefinition d, String column) {
    return error("SQL_COLUMN_NOT_FOUND", "42S22", "Table " + d.name() + " has no column " + column + ".",
        "Columns: " + String.join(", ", d.schema().fields().keySet()) + ".", d.name());
  }

  private static DbException error(String code, String sqlState, String message, String hint, String object) {
    return new DbException(code, 400, message, hint, Map.of("sqlState", sqlState, "object", object));
  }
}
