package dev.asyncdb.calcite.pushdown;

import dev.asyncdb.engine.json.Json;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Builds the {@code _record} column of a mapped table from its columns, one field at a time
 * ({@code put(put("{}", "id", id), "name", name)}); NULL columns are left out, as the engine's
 * records leave them out. It runs in Java above the pushed-down query, which then reads every column.
 */
public final class RecordJson {
  private static final SqlUserDefinedFunction PUT = function("ASYNCDB_RECORD_PUT", "put");
  private static final SqlUserDefinedFunction PUT_JSON = function("ASYNCDB_RECORD_PUT_JSON", "putJson");

  private RecordJson() {}

  /** Adds a field holding a plain value. */
  public static String put(String record, String field, Object value) {
    return value == null ? record : append(record, field, Json.write(value));
  }

  /** Adds a field holding JSON text (a json/jsonb column). */
  public static String putJson(String record, String field, Object json) {
    // A json/jsonb column arrives as the driver's object (PGobject) or text; its text is the JSON.
    return json == null ? record : append(record, field, Json.write(Json.parse(json.toString())));
  }

  private static String append(String record, String field, String valueJson) {
    String body = record.substring(0, record.length() - 1);
    return body + (body.length() > 1 ? "," : "") + Json.write(field) + ":" + valueJson + "}";
  }

  /** The expression of a record from (field, value, is-JSON-text) triples. */
  static RexNode of(RexBuilder rex, List<String> fields, List<RexNode> values, List<Boolean> json) {
    RelDataTypeFactory types = rex.getTypeFactory();
    RexNode acc = rex.makeLiteral("{}");
    for (int i = 0; i < fields.size(); i++) {
      RexNode value = values.get(i);
      SqlTypeName t = value.getType().getSqlTypeName();
      if (t == SqlTypeName.TIMESTAMP || t == SqlTypeName.DATE || t == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || t == SqlTypeName.DECIMAL) {
        // Their Java form inside Calcite is a number (epoch millis or days, unscaled); the SQL text form is what a reader expects.
        value = rex.makeCast(types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true), value);
      }
      acc = rex.makeCall(json.get(i) ? PUT_JSON : PUT, acc, rex.makeLiteral(fields.get(i)), value);
    }
    return acc;
  }

  private static SqlUserDefinedFunction function(String name, String method) {
    Method m = Types.lookupMethod(RecordJson.class, method, String.class, String.class, Object.class);
    ScalarFunctionImpl impl = (ScalarFunctionImpl) ScalarFunctionImpl.create(m);
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), org.apache.calcite.sql.SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.VARCHAR), null, null, impl);
  }
}
