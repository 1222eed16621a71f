package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.AsyncDbSchema;
import dev.asyncdb.calcite.MetaSchema;
import dev.asyncdb.calcite.ddl.DdlExecutor;
import dev.asyncdb.calcite.modify.SqlSession;
import dev.asyncdb.engine.AsyncDb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.ViewTable;

/** The schemas of one connection over its session's engine: {@code db} (tables and saved views) and {@code meta}. */
final class ProjectSchemas {
  static final String DB = "db";

  private ProjectSchemas() {}

  /** Installs them, replacing earlier ones (after DDL reopened the project). */
  static void install(CalciteConnection connection, SqlSession session) {
    AsyncDb db = session.db();
    SchemaPlus root = connection.getRootSchema();
    AsyncDbSchema schema = new AsyncDbSchema(session);
    SchemaPlus tables = root.add(DB, schema);
    schema.mountPushdown(tables);
    root.add(MetaSchema.NAME, new MetaSchema(db));
    addViews(connection, tables, DdlExecutor.views(db.paths().dbDir()));
  }

  /**
   * Saved views, analyzed with this connection's identifier rules (Calcite's own view macro would
   * parse them upper-casing unquoted names). A view over another view waits for it; one that no
   * longer compiles is left out, and says why when it is queried by name.
   */
  private static void addViews(CalciteConnection connection, SchemaPlus tables, Map<String, String> views) {
    Map<String, String> pending = new LinkedHashMap<>(views);
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var view = it.next();
        CalcitePrepare.AnalyzeViewResult analyzed;
        try {
          analyzed = Schemas.analyzeView(connection, CalciteSchema.from(tables), List.of(DB), view.getValue(), List.of(DB, view.getKey()), false);
        } catch (RuntimeException e) {
          continue;
        }
        tables.add(view.getKey(), new ViewTable(Object[].class, RelDataTypeImpl.proto(analyzed.rowType), view.getValue(), List.of(DB),
            List.of(DB, view.getKey())));
        it.remove();
        progress = true;
      }
    }
  }
}
