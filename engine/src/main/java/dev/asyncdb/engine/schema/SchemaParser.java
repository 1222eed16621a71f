package dev.asyncdb.engine.schema;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns the JSON of a {@code .schema.json(c)} file into a {@link ParsedSchema}, reporting every problem. */
public final class SchemaParser {
  private final String resource;
  private final String file;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private SchemaParser(String resource, String file) {
    this.resource = resource;
    this.file = file;
  }

  public static ParsedSchema parse(String resource, String file, Object json) {
    return new SchemaParser(resource, file).parseRoot(json);
  }

  @SuppressWarnings("unchecked")
  private ParsedSchema parseRoot(Object json) {
    if (!(json instanceof Map)) {
      error("SCHEMA_DEFINITION_INVALID", null, "Schema file must contain a JSON object, got " + dev.asyncdb.engine.json.Json.typeName(json) + ".",
          "Write {\"kind\": \"collection\", \"fields\": {...}} in " + file + ".");
      return new ParsedSchema(null, "id", null, null, Map.of(), false, null, false, diagnostics);
    }
    Map<String, Object> root = (Map<String, Object>) json;
    ResourceKind kind = null;
    Object k = root.get("kind");
    if (k != null) {
      if ("collection".equals(k)) {
        kind = ResourceKind.COLLECTION;
      } else if ("document".equals(k)) {
        kind = ResourceKind.DOCUMENT;
      } else {
        error("SCHEMA_KIND_INVALID", null, "Schema kind must be \"collection\" or \"document\", got " + describe(k) + ".",
            "Set \"kind\" to \"collection\" or \"document\".");
      }
    }
    String idField = root.get("idField") instanceof String s && !s.isBlank() ? s : null;
    List<String> identity = null;
    if (root.get("identity") instanceof Map<?, ?> idMap && idMap.get("fields") instanceof List<?> fs) {
      identity = new ArrayList<>();
      for (Object f : fs) {
        if (f instanceof String s) {
          identity.add(s);
        } else {
          error("SCHEMA_IDENTITY_INVALID", null, "identity.fields must list field names, got " + describe(f) + ".",
              "Use \"identity\": {\"fields\": [\"tenantId\", \"slug\"]}.");
        }
      }
      if (identity.isEmpty()) {
        identity = null;
      }
    }
    String description = root.get("description") instanceof String s ? s : null;
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    if (root.get("fields") instanceof Map<?, ?> fm) {
      fields = parseFields((Map<String, Object>) fm, "");
    } else if (root.containsKey("fields")) {
      error("SCHEMA_DEFINITION_INVALID", null, "\"fields\" must be an object of field definitions.", "Write \"fields\": {\"name\": {\"type\": \"string\"}}.");
    }
    if (identity != null) {
      for (String f : identity) {
        if (!fields.isEmpty() && !fields.containsKey(f)) {
          error("SCHEMA_IDENTITY_INVALID", f, "identity field \"" + f + "\" is not declared in fields.", "Declare it under \"fields\" or remove it from identity.fields.");
        }
      }
    }
    boolean appendOnly = "append-only".equals(root.get("writePolicy"));
    if (root.containsKey("writePolicy") && !appendOnly && !"read-write".equals(root.get("writePolicy"))) {
      error("SCHEMA_WRITE_POLICY_INVALID", null, "writePolicy must be \"append-only\" or \"read-write\", got " + describe(root.get("writePolicy")) + ".",
          "Use \"writePolicy\": \"append-only\" for event logs.");
    }
    return new ParsedSchema(kind, idField, identity, description, fields, root.containsKey("seed"), root.get("seed"), appendOnly, diagnostics);
  }

  @SuppressWarnings("unchecked")
  private Map<String, FieldDef> parseFields(Map<String, Object> raw, String prefix) {
    Map<String, FieldDef> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> def) {
        out.put(e.getKey(), parseField(e.getKey(), path, (Map<String, Object>) def));
      } else if (e.getValue() instanceof String typeName && FieldType.parse(typeName) != null) {
        out.put(e.getKey(), FieldDef.of(e.getKey(), FieldType.parse(typeName), false));
      } else {
        error("SCHEMA_FIELD_INVALID", path, "Field \"" + path + "\" must be an object like {\"type\": \"string\"}, got " + describe(e.getValue()) + ".",
            "Give the field a definition object with a \"type\".");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private FieldDef parseField(String name, String path, Map<String, Object> def) {
    Object t = def.get("type");
    FieldType type = t instanceof String s ? FieldType.parse(s) : null;
    if (type == null) {
      if (t != null) {
        error("SCHEMA_FIELD_TYPE_INVALID", path, "Field \"" + path + "\" has unknown type " + describe(t) + ".",
            "Use one of string, integer, number, boolean, enum, datetime, date, bytes, object, array, json.");
      }
      type = def.containsKey("values") ? FieldType.ENUM : def.containsKey("fields") ? FieldType.OBJECT : def.containsKey("items") ? FieldType.ARRAY : FieldType.JSON;
    }
    List<Object> values = null;
    if (def.get("values") instanceof List<?> vs) {
      values = new ArrayList<>(vs);
    } else if (type == FieldType.ENUM) {
      error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "Enum field \"" + path + "\" needs a \"values\" list.", "Add \"values\": [\"a\", \"b\"].");
      values = List.of();
    }
    String pattern = def.get("pattern") instanceof String p ? p : null;
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException ex) {
        error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "Field \"" + path + "\" has an invalid pattern " + describe(pattern) + ": " + ex.getDescription() + ".",
            "Fix the regular expression (Java syntax, close to JavaScript's).");
      }
    }
    Relation relation = null;
    if (def.get("relation") instanceof Map<?, ?> r) {
      Object to = r.get("to");
      if (!(to instanceof String)) {
        error("SCHEMA_RELATION_INVALID", path, "Relation on \"" + path + "\" needs a target collection in \"to\".", "Write \"relation\": {\"to\": \"users\"}.");
      } else {
        String relName = r.get("name") instanceof String n ? n : defaultRelationName(name);
        String toField = r.get("toField") instanceof String tf ? tf : "id";
        String card = r.get("cardinality") instanceof String c ? c : "one";
        relation = new Relation(relName, (String) to, toField, card);
        if (!type.isScalar()) {
          error("SCHEMA_RELATION_SOURCE_FIELD_INVALID", path, "Relation field \"" + path + "\" must be a scalar field, not " + type.label() + ".",
              "Put the relation on a string, integer or number field holding the target id.");
        }
      }
    }
    FieldDef items = null;
    if (def.get("items") instanceof Map<?, ?> im) {
      items = parseField(name, path + "[]", (Map<String, Object>) im);
    }
    Map<String, FieldDef> nested = null;
    if (def.get("fields") instanceof Map<?, ?> fm) {
      nested = parseFields((Map<String, Object>) fm, path + ".");
    }
    String discriminator = def.get("discriminator") instanceof String d ? d : null;
    Map<String, Map<String, FieldDef>> variants = null;
    if (discriminator != null && def.get("variants") instanceof Map<?, ?> vm) {
      variants = new LinkedHashMap<>();
      for (Map.Entry<?, ?> v : vm.entrySet()) {
        String tag = String.valueOf(v.getKey());
        Map<String, FieldDef> vf = new LinkedHashMap<>();
        vf.put(discriminator, new FieldDef(discriminator, FieldType.ENUM, true, false, false, null, List.of(tag), false,
            null, null, null, null, null, false, null, null, null, null, null, false, null, null, null, false));
        if (v.getValue() instanceof Map<?, ?> vdef && vdef.get("fields") instanceof Map<?, ?> vfm) {
          vf.putAll(parseFields((Map<String, Object>) vfm, path + "." + tag + "."));
        }
        variants.put(tag, vf);
      }
    }
    String encoding = def.get("encoding") instanceof String enc ? enc : (type == FieldType.BYTES ? "base64" : null);
    if (type == FieldType.BYTES && !List.of("base64", "base64url", "hex").contains(encoding)) {
      error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "Bytes field \"" + path + "\" has unknown encoding " + describe(encoding) + ".", "Use base64, base64url or hex.");
    }
    Map<String, Object> derived = def.get("derived") instanceof Map<?, ?> dm ? (Map<String, Object>) dm : null;
    boolean readOnly = Boolean.TRUE.equals(def.get("readOnly")) || derived != null || Boolean.TRUE.equals(def.get("computed"));
    return new FieldDef(
        name, type,
        Boolean.TRUE.equals(def.get("required")),
        Boolean.TRUE.equals(def.get("nullable")),
        def.containsKey("default"), def.get("default"),
        values,
        Boolean.TRUE.equals(def.get("unique")),
        number(def, "min", path), number(def, "max", path),
        integer(def, "minLength", path), integer(def, "maxLength", path),
        pattern, readOnly, derived, relation,
        def.get("description") instanceof String d ? d : null,
        items, nested,
        Boolean.TRUE.equals(def.get("additionalProperties")),
        variants == null ? null : discriminator, variants, encoding, type == FieldType.INTEGER);
  }

  static String defaultRelationName(String field) {
    if (field.length() > 2 && field.endsWith("Id")) {
      return field.substring(0, field.length() - 2);
    }
    return field;
  }

  private Double number(Map<String, Object> def, String key, String path) {
    Object v = def.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "\"" + key + "\" of \"" + path + "\" must be a number, got " + describe(v) + ".", "Use a JSON number.");
    return null;
  }

  private Integer integer(Map<String, Object> def, String key, String path) {
    Object v = def.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    error("SCHEMA_FIELD_CONSTRAINT_INVALID", path, "\"" + key + "\" of \"" + path + "\" must be a non-negative integer, got " + describe(v) + ".", "Use a whole number.");
    return null;
  }

  private void error(String code, String field, String message, String hint) {
    diagnostics.add(Diagnostic.error(code, resource, field, message, hint).withFile(file, null, null));
  }

  private static String describe(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
