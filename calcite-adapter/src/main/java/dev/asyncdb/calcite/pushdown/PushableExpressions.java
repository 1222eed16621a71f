package dev.asyncdb.calcite.pushdown;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * Which expressions may be sent to a mapped table's database. SQL/JSON functions
 * ({@code JSON_VALUE}, {@code JSON_QUERY}, {@code JSON_EXISTS}, {@code IS JSON}, …) are not: neither
 * SQLite nor PostgreSQL before 17 has them (SQLite spells them {@code json_extract}, PostgreSQL
 * {@code ->>}/jsonpath, with different null and error rules), so Calcite evaluates them.
 */
final class PushableExpressions {
  private PushableExpressions() {}

  static boolean all(RexNode e) {
    Finder finder = new Finder();
    e.accept(finder);
    return !finder.found;
  }

  static boolean all(List<? extends RexNode> es) {
    for (RexNode e : es) {
      if (!all(e)) {
        return false;
      }
    }
    return true;
  }

  private static final class Finder extends RexVisitorImpl<Void> {
    boolean found;

    Finder() {
      super(true);
    }

    @Override
    public Void visitCall(RexCall call) {
      String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
      if (name.contains("JSON") || call.getKind().name().contains("JSON")) {
        found = true;
        return null;
      }
      return super.visitCall(call);
    }
  }
}
