package dev.asyncdb.jdbc;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * A prepared statement Calcite prepared (so validation, metadata and every other method are its),
 * whose {@code executeQuery()} answers from the key index when the key parameter is bound.
 */
final class KeyLookupStatement {
  private static final Object UNSET = new Object();

  private KeyLookupStatement() {}

  static PreparedStatement wrap(PreparedStatement calcite, KeyLookup lookup) {
    Object[] key = {UNSET};
    // The key's setter call, not yet made on Calcite's statement: the fast path does not need it there
    // (Avatica's setters build a Calendar each), every other use of the statement replays it first.
    Object[][] pending = {null};
    PreparedStatement[] self = new PreparedStatement[1];
    self[0] = (PreparedStatement) Proxy.newProxyInstance(KeyLookupStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
        (p, m, a) -> {
          String name = m.getName();
          if (name.startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer i && i == 1 && !name.equals("setFetchSize")
              && !name.equals("setMaxRows")) {
            key[0] = name.equals("setNull") ? null : a[1];
            pending[0] = new Object[] {m, a};
            return null;
          } else if (name.equals("clearParameters")) {
            key[0] = UNSET;
            pending[0] = null;
          } else if (name.equals("executeQuery") && (a == null || a.length == 0) && key[0] != UNSET) {
            Object[] row = key[0] == null ? null : lookup.find(key[0]);
            return RowsResultSet.of(lookup.columns(), row == null ? List.of() : List.<Object[]>of(row), calcite.getMetaData(), self[0]);
          } else if (name.equals("unwrap") && ((Class<?>) a[0]).isInstance(p)) {
            return p;
          }
          if (pending[0] != null) {
            Object[] call = pending[0];
            pending[0] = null;
            ConnectionWrapper.call(calcite, (java.lang.reflect.Method) call[0], (Object[]) call[1]);
          }
          return ConnectionWrapper.call(calcite, m, a);
        });
    return self[0];
  }

  /** Whether a result set came from the fast path (for tests). */
  static boolean isFastPath(ResultSet rs) {
    return Proxy.isProxyClass(rs.getClass()) && rs.toString().startsWith("RowsResultSet");
  }
}
