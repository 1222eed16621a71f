package dev.asyncdb.server.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code JSON} scalar: any JSON value, as stored. Objects, arrays and free-form fields are
 * returned whole, and {@code input}, {@code patch} and {@code value} arguments take any JSON — as
 * variables (already parsed) or as literals, whose numbers become the engine's {@code Long} or
 * {@code Double} like numbers read from files.
 */
final class JsonScalar {
  static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON")
      .description("Any JSON value: an object, array, string, number, boolean or null.").coercing(new JsonCoercing()).build();

  private JsonScalar() {}

  private static final class JsonCoercing implements Coercing<Object, Object> {
    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      return value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      return literal(input, variables);
    }
  }

  static Object literal(Value<?> v, CoercedVariables variables) {
    if (v instanceof NullValue) {
      return null;
    }
    if (v instanceof StringValue s) {
      return s.getValue();
    }
    if (v instanceof BooleanValue b) {
      return b.isValue();
    }
    if (v instanceof IntValue i) {
      BigInteger big = i.getValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (v instanceof FloatValue f) {
      return f.getValue().doubleValue();
    }
    if (v instanceof EnumValue e) {
      // An unquoted name such as `admin`: JSON has no enums, so it is the string.
      return e.getName();
    }
    if (v instanceof ArrayValue a) {
      List<Object> out = new ArrayList<>();
      for (Value<?> item : a.getValues()) {
        out.add(literal(item, variables));
      }
      return out;
    }
    if (v instanceof ObjectValue o) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (ObjectField f : o.getObjectFields()) {
        out.put(f.getName(), literal(f.getValue(), variables));
      }
      return out;
    }
    if (v instanceof VariableReference ref) {
      return variables.get(ref.getName());
    }
    throw new CoercingParseLiteralException("Unsupported JSON literal: " + v);
  }
}
