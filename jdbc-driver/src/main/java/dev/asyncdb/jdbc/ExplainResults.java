package dev.asyncdb.jdbc;

import dev.asyncdb.calcite.AccessPaths;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.regex.Pattern;
import org.apache.calcite.schema.SchemaPlus;

/**
 * {@code EXPLAIN PLAN FOR} results with each collection scan's access path added
 * ({@link AccessPaths}): the plan column reads as Calcite's text plus {@code access=[...]}.
 */
final class ExplainResults {
  private static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*explain\\s+plan\\s+(including\\s+all\\s+attributes\\s+)?(with(out)?\\s+implementation\\s+)?for\\s.*");

  private ExplainResults() {}

  static boolean isExplain(String sql) {
    return EXPLAIN.matcher(sql).matches();
  }

  static ResultSet wrap(ResultSet plan, SchemaPlus root) {
    return (ResultSet) Proxy.newProxyInstance(ExplainResults.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (p, m, a) -> {
      Object v;
      try {
        v = m.invoke(plan, a);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      boolean planColumn = a != null && a.length == 1 && (Integer.valueOf(1).equals(a[0]) || "PLAN".equalsIgnoreCase(String.valueOf(a[0])));
      if (planColumn && v instanceof String text && (m.getName().equals("getString") || m.getName().equals("getObject"))) {
        return AccessPaths.annotate(text, root);
      }
      return v;
    });
  }
}
