package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.AccessPaths;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.regex.Pattern;
import org.apache.calcite.schema.SchemaPlus;

/**
 * {@code EXPLAIN PLAN FOR} results with each collection scan's access path added
 * ({@link AccessPaths}): the plan column reads as Calcite's text plus {@code access=[...]}, and
 * {@code native=[...]} when the driver answers the statement itself ({@link NativeQuery}).
 */
final class ExplainResults {
  private static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*explain\\s+plan\\s+(including\\s+all\\s+attributes\\s+)?(with(out)?\\s+implementation\\s+)?for\\s.*");

  private ExplainResults() {}

  static boolean isExplain(String sql) {
    return EXPLAIN.matcher(sql).matches();
  }

  /** The query an EXPLAIN statement explains. */
  static String explained(String sql) {
    java.util.regex.Matcher m = Pattern.compile("(?is)^\\s*explain\\s+plan\\s+(including\\s+all\\s+attributes\\s+)?(with(out)?\\s+implementation\\s+)?for\\s(.*)")
        .matcher(sql);
    return m.matches() ? m.group(4) : null;
  }

  /**
   * Adds access paths and, when parts of the plan run in the database of mapped tables (a
   * {@code JdbcToEnumerableConverter}), the SQL sent there: {@code sql=[...]} per statement.
   */
  static ResultSet wrap(ResultSet plan, org.apache.calcite.jdbc.CalciteConnection calcite, String sql, dev.asyncdb.engine.AsyncDb db) {
    String query = sql == null ? null : explained(sql);
    NativeQuery nativeQuery = query == null ? null : NativeQuery.recognise(query, db);
    ResultSet annotated = wrap(plan, calcite, sql);
    if (nativeQuery == null) {
      return annotated;
    }
    // Calcite's plan is what runs inside a transaction that changed the collection; otherwise the driver answers.
    return rewrite(annotated, text -> text.contains("native=[") ? text
        : (text.endsWith("\n") ? text : text + "\n") + "native=[" + nativeQuery.describe() + "]\n");
  }

  private static ResultSet wrap(ResultSet plan, org.apache.calcite.jdbc.CalciteConnection calcite, String sql) {
    return wrap(plan, calcite.getRootSchema(), text -> {
      String query = sql == null ? null : explained(sql);
      if (query == null || !text.contains("JdbcToEnumerableConverter")) {
        return text;
      }
      try {
        StringBuilder out = new StringBuilder(text.endsWith("\n") ? text : text + "\n");
        for (String sent : dev.asyncdb.calcite.pushdown.PushedSql.of(calcite, query)) {
          out.append("sql=[").append(sent.replace('\n', ' ')).append("]\n");
        }
        return out.toString();
      } catch (java.sql.SQLException e) {
        return text;
      }
    });
  }

  static ResultSet wrap(ResultSet plan, SchemaPlus root) {
    return wrap(plan, root, text -> text);
  }

  /** Marks a plan already annotated: a Statement's EXPLAIN runs through a cached prepared one, which annotates it first. */
  interface Annotated {}

  private static ResultSet wrap(ResultSet plan, SchemaPlus root, java.util.function.UnaryOperator<String> pushed) {
    if (plan instanceof Annotated) {
      return plan;
    }
    return rewrite(plan, text -> pushed.apply(AccessPaths.annotate(text, root)));
  }

  /** The plan with its text (column 1, PLAN) passed through {@code change}. */
  private static ResultSet rewrite(ResultSet plan, java.util.function.UnaryOperator<String> change) {
    return (ResultSet) Proxy.newProxyInstance(ExplainResults.class.getClassLoader(), new Class<?>[] {ResultSet.class, Annotated.class}, (p, m, a) -> {
      Object v;
      try {
        v = m.invoke(plan, a);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      boolean planColumn = a != null && a.length == 1 && (Integer.valueOf(1).equals(a[0]) || "PLAN".equalsIgnoreCase(String.valueOf(a[0])));
      if (planColumn && v instanceof String text && (m.getName().equals("getString") || m.getName().equals("getObject"))) {
        return change.apply(text);
      }
      return v;
    });
  }
}
