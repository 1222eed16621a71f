package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.FieldDef;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code Int} field of a record. GraphQL's Int is 32 bits while the schema language's
 * integer is 64: a field is {@code Int} unless its declared {@code min}/{@code max} reach past
 * 32 bits (then it is {@code Float}, exact up to 2^53), and a stored value that does not fit
 * anyway fails with {@code GRAPHQL_INT_OUT_OF_RANGE} naming the field, instead of graphql-java's
 * anonymous serialization error.
 */
final class IntField implements TrivialDataFetcher<Object> {
  private final String resource;
  private final String field;

  IntField(String resource, String field) {
    this.resource = resource;
    this.field = field;
  }

  /** True when the declared bounds (if any) keep the field's values within 32 bits. */
  static boolean fits(FieldDef f) {
    return (f.min() == null || f.min() >= Integer.MIN_VALUE) && (f.max() == null || f.max() <= Integer.MAX_VALUE);
  }

  @Override
  public Object get(DataFetchingEnvironment env) {
    Object value = env.getSource() instanceof Map<?, ?> record ? record.get(field) : null;
    if (value instanceof Number n && !inRange(n)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("resource", resource);
      details.put("field", field);
      details.put("value", n);
      throw new DbException("GRAPHQL_INT_OUT_OF_RANGE", 400, "Field " + field + " of " + resource + " holds " + n
          + ", which does not fit GraphQL's 32-bit Int.", "Declare \"max\" (or \"min\") beyond the 32-bit range on the field in its schema"
          + " so that GraphQL types it Float, or read it through REST or SQL.", details);
    }
    return value;
  }

  private static boolean inRange(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }
    BigInteger big = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    return big.bitLength() < 32;
  }
}
