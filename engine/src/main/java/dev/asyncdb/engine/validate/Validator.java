package dev.asyncdb.engine.validate;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a record against a resource schema and reports every problem as a diagnostic naming the
 * resource, record id, field path and received value, with a hint. Errors block the write; warnings
 * (unknown fields under the default policy) never do.
 */
public final class Validator {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private final ResourceSchema schema;
  private final String unknownFields;
  private final String recordId;
  private final List<Diagnostic> out = new ArrayList<>();

  private Validator(ResourceSchema schema, String unknownFields, String recordId) {
    this.schema = schema;
    this.unknownFields = unknownFields;
    this.recordId = recordId;
  }

  /**
   * Validates one record or document.
   *
   * @param unknownFields policy for keys outside the schema: {@code warn}, {@code allow} or {@code error}
   * @param recordId id used in messages, or null
   */
  public static List<Diagnostic> validate(ResourceSchema schema, Object value, ValidationMode mode, String unknownFields, String recordId) {
    Validator v = new Validator(schema, unknownFields, recordId);
    if (!(value instanceof Map<?, ?> map)) {
      v.error("SCHEMA_RECORD_INVALID", null, "must be a JSON object, received " + Json.typeName(value), value,
          "Send an object such as {\"name\": \"...\"}.");
      return v.out;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) map;
    v.checkFields(schema.fields(), record, "", mode, !schema.fieldsFromSchema());
    return v.out;
  }

  /** Reports read-only fields present in client input. */
  public static List<Diagnostic> readOnlyFields(ResourceSchema schema, Map<String, Object> input, String recordId) {
    Validator v = new Validator(schema, "allow", recordId);
    for (Map.Entry<String, Object> e : input.entrySet()) {
      FieldDef f = schema.field(e.getKey());
      if (f != null && f.readOnly() && !schema.keyFields().contains(e.getKey())) {
        v.error("FIELD_READ_ONLY", e.getKey(), "is read-only and cannot be written", e.getValue(),
            "Remove \"" + e.getKey() + "\" from the input; it is maintained by the database.");
      }
    }
    return v.out;
  }

  private void checkFields(Map<String, FieldDef> fields, Map<String, Object> record, String prefix, ValidationMode mode, boolean lenientNulls) {
    for (FieldDef f : fields.values()) {
      String path = prefix + f.name();
      boolean present = record.containsKey(f.name());
      Object v = record.get(f.name());
      if (v == null) {
        if (f.required() && mode != ValidationMode.PATCH && !(present && f.nullable())) {
          error("SCHEMA_REQUIRED_FIELD_MISSING", path, present ? "is required and cannot be null" : "is required but missing", v,
              "Provide a " + f.type().label() + " value for \"" + path + "\".");
        } else if (present && !f.nullable() && f.type() != FieldType.JSON && !lenientNulls && !f.required()) {
          typeMismatch(path, f, v);
        }
        continue;
      }
      checkValue(f, path, v, mode);
    }
    for (Map.Entry<String, Object> e : record.entrySet()) {
      if (!fields.containsKey(e.getKey())) {
        unknown(prefix + e.getKey(), e.getValue());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void checkValue(FieldDef f, String path, Object v, ValidationMode mode) {
    switch (f.type()) {
      case STRING -> {
        if (!(v instanceof String s)) {
          typeMismatch(path, f, v);
          return;
        }
        checkLength(f, path, s.length(), v, "characters");
        checkPattern(f, path, s);
      }
      case INTEGER -> {
        if (!(v instanceof Number n) || !isIntegral(n)) {
          typeMismatch(path, f, v);
          return;
        }
        checkRange(f, path, n.doubleValue(), v);
      }
      case NUMBER -> {
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
          typeMismatch(path, f, v);
          return;
        }
        checkRange(f, path, n.doubleValue(), v);
      }
      case BOOLEAN -> {
        if (!(v instanceof Boolean)) {
          typeMismatch(path, f, v);
        }
      }
      case ENUM -> {
        boolean ok = f.values() != null && f.values().stream().anyMatch(allowed -> enumEquals(allowed, v));
        if (!ok) {
          String list = f.values() == null ? "" : f.values().stream().map(Json::write).collect(Collectors.joining(", "));
          error("SCHEMA_ENUM_VALUE_INVALID", path, "must be one of " + list, v, "Use one of: " + list + ".",
              Map.of("values", f.values() == null ? List.of() : f.values()));
        }
      }
      case DATETIME -> {
        if (!(v instanceof String s) || !IsoDates.isDateTime(s)) {
          error("SCHEMA_FIELD_TYPE_MISMATCH", path, "must be an ISO-8601 date-time string", v,
              "Use a value like \"2024-03-01T12:34:56Z\".", Map.of("expected", "datetime", "receivedType", Json.typeName(v)));
        } else {
          checkPattern(f, path, s);
        }
      }
      case DATE -> {
        if (!(v instanceof String s) || !IsoDates.isDate(s)) {
          error("SCHEMA_FIELD_TYPE_MISMATCH", path, "must be an ISO-8601 date string (YYYY-MM-DD)", v,
              "Use a value like \"2024-03-01\".", Map.of("expected", "date", "receivedType", Json.typeName(v)));
        }
      }
      case BYTES -> {
        String enc = f.encoding() == null ? "base64" : f.encoding();
        if (!(v instanceof String s) || !decodes(s, enc)) {
          error("SCHEMA_FIELD_TYPE_MISMATCH", path, "must be " + enc + "-encoded bytes", v,
              "Encode the bytes as " + enc + ".", Map.of("expected", "bytes", "encoding", enc, "receivedType", Json.typeName(v)));
        } else {
          checkLength(f, path, s.length(), v, "characters");
        }
      }
      case OBJECT -> {
        if (!(v instanceof Map<?, ?> m)) {
          typeMismatch(path, f, v);
          return;
        }
        Map<String, Object> obj = (Map<String, Object>) m;
        if (f.discriminator() != null) {
          Object tag = obj.get(f.discriminator());
          if (tag == null) {
            error("SCHEMA_REQUIRED_FIELD_MISSING", path + "." + f.discriminator(), "is required to pick a variant", null,
                "Set \"" + f.discriminator() + "\" to one of: " + String.join(", ", f.variants().keySet()) + ".");
          } else if (!f.variants().containsKey(String.valueOf(tag))) {
            error("SCHEMA_VARIANT_UNKNOWN", path + "." + f.discriminator(), "names no variant", tag,
                "Use one of: " + String.join(", ", f.variants().keySet()) + ".");
          } else {
            checkFields(f.variants().get(String.valueOf(tag)), obj, path + ".", mode == ValidationMode.PATCH ? ValidationMode.REPLACE : mode, false);
          }
        } else if (f.fields() != null && !f.fields().isEmpty()) {
          if (f.additionalProperties()) {
            Map<String, Object> declaredOnly = new LinkedHashMap<>(obj);
            declaredOnly.keySet().retainAll(f.fields().keySet());
            checkFields(f.fields(), declaredOnly, path + ".", mode == ValidationMode.PATCH ? ValidationMode.REPLACE : mode, false);
          } else {
            checkFields(f.fields(), obj, path + ".", mode == ValidationMode.PATCH ? ValidationMode.REPLACE : mode, false);
          }
        } else if (!f.additionalProperties()) {
          for (Map.Entry<String, Object> e : obj.entrySet()) {
            unknown(path + "." + e.getKey(), e.getValue());
          }
        }
      }
      case ARRAY -> {
        if (!(v instanceof List<?> list)) {
          typeMismatch(path, f, v);
          return;
        }
        checkLength(f, path, list.size(), v, "items");
        if (f.items() != null) {
          for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = path + "[" + i + "]";
            if (item == null) {
              if (!f.items().nullable() && f.items().type() != FieldType.JSON) {
                typeMismatch(itemPath, f.items(), null);
              }
            } else {
              checkValue(f.items(), itemPath, item, mode == ValidationMode.PATCH ? ValidationMode.REPLACE : mode);
            }
          }
        }
      }
      case JSON -> {
        // Any JSON value is accepted.
      }
    }
  }

  private static boolean enumEquals(Object allowed, Object v) {
    if (allowed instanceof Number a && v instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return allowed != null && allowed.equals(v);
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof java.math.BigInteger) {
      return true;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && !Double.isInfinite(d);
  }

  static boolean decodes(String s, String encoding) {
    try {
      switch (encoding) {
        case "hex" -> HexFormat.of().parseHex(s);
        case "base64url" -> Base64.getUrlDecoder().decode(s);
        default -> Base64.getDecoder().decode(s);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void checkRange(FieldDef f, String path, double d, Object v) {
    if (f.min() != null && d < f.min()) {
      constraint(path, "min", "must be at least " + Json.numberText(f.min()), v, f.min());
    }
    if (f.max() != null && d > f.max()) {
      constraint(path, "max", "must be at most " + Json.numberText(f.max()), v, f.max());
    }
  }

  private void checkLength(FieldDef f, String path, int length, Object v, String unit) {
    if (f.minLength() != null && length < f.minLength()) {
      constraint(path, "minLength", "must have at least " + f.minLength() + " " + unit, v, f.minLength());
    }
    if (f.maxLength() != null && length > f.maxLength()) {
      constraint(path, "maxLength", "must have at most " + f.maxLength() + " " + unit, v, f.maxLength());
    }
  }

  private void checkPattern(FieldDef f, String path, String s) {
    if (f.pattern() == null) {
      return;
    }
    Pattern p;
    try {
      p = PATTERNS.computeIfAbsent(f.pattern(), Pattern::compile);
    } catch (PatternSyntaxException e) {
      error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "has an invalid pattern in the schema: " + e.getDescription(), s,
          "Fix the \"pattern\" of \"" + path + "\" in the schema file.", Map.of("constraint", "pattern", "pattern", f.pattern()));
      return;
    }
    if (!p.matcher(s).find()) {
      constraint(path, "pattern", "must match the pattern /" + f.pattern() + "/", s, f.pattern());
    }
  }

  private void constraint(String path, String constraint, String what, Object v, Object limit) {
    error("SCHEMA_FIELD_CONSTRAINT_VIOLATION", path, what, v, "Change the value so that \"" + path + "\" " + what + ".",
        Map.of("constraint", constraint, "limit", limit));
  }

  private void typeMismatch(String path, FieldDef f, Object v) {
    String expected = f.type() == FieldType.INTEGER ? "integer" : f.type().label();
    error("SCHEMA_FIELD_TYPE_MISMATCH", path, "must be " + article(expected) + " " + expected, v,
        "Send " + article(expected) + " " + expected + " for \"" + path + "\"" + (f.nullable() ? " or null" : "") + ".",
        Map.of("expected", expected, "receivedType", Json.typeName(v)));
  }

  private void unknown(String path, Object v) {
    if ("allow".equals(unknownFields)) {
      return;
    }
    String message = "Unknown field \"" + path + "\" in " + schema.name() + where() + " is not declared in the schema.";
    String hint = "Declare \"" + path + "\" in the schema, remove it, or set schema.unknownFields to \"allow\".";
    Diagnostic d = "error".equals(unknownFields)
        ? Diagnostic.error("SCHEMA_UNKNOWN_FIELD", schema.name(), path, message, hint)
        : Diagnostic.warn("SCHEMA_UNKNOWN_FIELD", schema.name(), path, message, hint);
    out.add(d.withDetails(received(v)));
  }

  private void error(String code, String path, String what, Object v, String hint) {
    error(code, path, what, v, hint, Map.of());
  }

  private void error(String code, String path, String what, Object v, String hint, Map<String, Object> details) {
    String subject = path == null ? "Record" : "Field \"" + path + "\"";
    String message = subject + " of " + schema.name() + where() + " " + what + "; received " + preview(v) + ".";
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.putAll(received(v));
    out.add(Diagnostic.error(code, schema.name(), path, message, hint).withDetails(d));
  }

  private Map<String, Object> received(Object v) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("received", v);
    if (recordId != null) {
      d.put("id", recordId);
    }
    return d;
  }

  private String where() {
    return recordId == null ? "" : " (record " + recordId + ")";
  }

  static String preview(Object v) {
    String text = v == null ? "null" : Json.write(v);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
