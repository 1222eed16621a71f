package dev.asyncdb.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between JSON text and the plain Java values the engine uses for records:
 * {@code Map<String,Object>} (insertion-ordered), {@code List<Object>}, {@code String},
 * {@code Long} (integral numbers), {@code Double}, {@code Boolean} and {@code null}.
 */
public final class Json {
  /** Strict JSON, as the original parses {@code .json} files. */
  public static final JsonFactory STRICT = JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();
  /** JSON with comments and trailing commas, as the original parses {@code .jsonc} files. */
  public static final JsonFactory JSONC = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();

  private static final double EXACT = 9007199254740992d;

  private Json() {}

  /** Parses strict JSON text into Java values. */
  public static Object parse(String text) {
    try (JsonParser p = STRICT.createParser(text)) {
      p.nextToken();
      Object v = read(p);
      if (p.nextToken() != null) {
        throw new IOException("unexpected content after the JSON value at " + p.currentLocation());
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the value at the parser's current token (which must already be advanced). */
  public static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("empty input");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          map.put(name, read(p));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t + " at " + p.currentLocation());
    }
  }

  public static String write(Object value) {
    StringWriter w = new StringWriter();
    write(value, w, false);
    return w.toString();
  }

  public static byte[] writeBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try (JsonGenerator g = STRICT.createGenerator(out)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Pretty JSON exactly like JavaScript's {@code JSON.stringify(value, null, 2)}. */
  public static String pretty(Object value) {
    StringWriter w = new StringWriter();
    write(value, w, true);
    return w.toString();
  }

  public static void write(Object value, Writer out, boolean pretty) {
    try (JsonGenerator g = STRICT.createGenerator(out)) {
      if (pretty) {
        g.setPrettyPrinter(new JsPrettyPrinter());
      }
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Object value, OutputStream out, boolean pretty) throws IOException {
    try (JsonGenerator g = STRICT.createGenerator(out)) {
      if (pretty) {
        g.setPrettyPrinter(new JsPrettyPrinter());
      }
      writeValue(g, value);
    }
  }

  /** Writes a Java value through a generator; integral doubles are written without a fraction, as JavaScript does. */
  @SuppressWarnings("unchecked")
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < EXACT) {
        g.writeNumber((long) d);
      } else if (Double.isNaN(d) || Double.isInfinite(d)) {
        g.writeNull();
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof BigInteger big) {
      g.writeNumber(big);
    } else if (v instanceof BigDecimal dec) {
      g.writeNumber(dec);
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof byte[] bytes) {
      g.writeString(java.util.Base64.getEncoder().encodeToString(bytes));
    } else {
      g.writeString(v.toString());
    }
  }

  /** Text of a double as JavaScript would print it in JSON (integral values without ".0"). */
  public static String numberText(double d) {
    if (d == Math.rint(d) && Math.abs(d) < EXACT) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** Canonical JSON: object keys sorted recursively, no whitespace; the input of record ETags. */
  public static String canonical(Object value) {
    return write(sortKeys(value));
  }

  @SuppressWarnings("unchecked")
  private static Object sortKeys(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        sorted.put(e.getKey(), sortKeys(e.getValue()));
      }
      return sorted;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(sortKeys(item));
      }
      return out;
    }
    return v;
  }

  /** Deep copy of a Java JSON value, so callers can never mutate stored state. */
  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        copy.put(e.getKey(), deepCopy(e.getValue()));
      }
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(deepCopy(item));
      }
      return (T) copy;
    }
    if (value instanceof Integer i) {
      return (T) Long.valueOf(i);
    }
    return value;
  }

  /** The JSON type name of a value as the original reports it: null, array, object, string, number, boolean. */
  public static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return v.getClass().getSimpleName();
  }

  /** JSON equality of two values (numbers compared by value, so 1 equals 1.0). */
  public static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue()
          && (!(x instanceof Long) || !(y instanceof Long) || x.longValue() == y.longValue());
    }
    if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
      if (m.size() != n.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!n.containsKey(e.getKey()) || !same(e.getValue(), n.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> l && b instanceof List<?> k) {
      if (l.size() != k.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!same(l.get(i), k.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }
}
