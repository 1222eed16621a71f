package dev.asyncdb.cli.schema;

import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schema manifest ({@code {version:1, collections, documents}}): every resource's fields with
 * their constraints and a {@code ui} hint (label, component, readonly, optionsFrom) that a form
 * builder can render without knowing Async DB. The key order follows the original product's
 * committed manifests so diffs against them stay small.
 */
final class SchemaManifest {
  private static final List<String> IMAGE_WORDS = List.of("image", "avatar", "photo", "picture", "thumbnail", "logo", "icon");
  private static final List<String> URL_WORDS = List.of("url", "uri", "website", "link");
  private static final List<String> TEXTAREA_WORDS = List.of("description", "body", "content", "notes", "bio", "summary", "markdown");
  private static final int TEXTAREA_MAX_LENGTH = 240;

  private SchemaManifest() {}

  static Map<String, Object> build(List<ResourceDefinition> resources) {
    Map<String, Object> collections = new LinkedHashMap<>();
    Map<String, Object> documents = new LinkedHashMap<>();
    for (ResourceDefinition r : resources) {
      (r.schema().isCollection() ? collections : documents).put(r.name(), resource(r));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", 1);
    m.put("collections", collections);
    m.put("documents", documents);
    return m;
  }

  private static Map<String, Object> resource(ResourceDefinition r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.kind().label());
    m.put("name", r.name());
    String idField = r.schema().isCollection() ? r.schema().idField() : null;
    m.put("fields", fields(r.schema().fields(), idField));
    if (r.schema().description() != null) {
      m.put("description", r.schema().description());
    }
    if (idField != null) {
      m.put("idField", idField);
    }
    return m;
  }

  private static Map<String, Object> fields(Map<String, FieldDef> fields, String idField) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((name, f) -> out.put(name, field(f, name.equals(idField), true)));
    return out;
  }

  private static Map<String, Object> field(FieldDef f, boolean isId, boolean withUi) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", f.type().label());
    m.put("required", f.required());
    m.put("nullable", f.nullable());
    if (f.description() != null) {
      m.put("description", f.description());
    }
    if (f.hasDefault()) {
      m.put("default", f.defaultValue());
    }
    if (f.readOnly()) {
      m.put("readOnly", true);
    }
    if (f.values() != null) {
      m.put("values", f.values());
    }
    if (f.relation() != null) {
      m.put("relation", f.relation().toMap());
    }
    if (f.unique()) {
      m.put("unique", true);
    }
    putIfSet(m, "min", f.min());
    putIfSet(m, "max", f.max());
    putIfSet(m, "minLength", f.minLength());
    putIfSet(m, "maxLength", f.maxLength());
    putIfSet(m, "pattern", f.pattern());
    if (f.additionalProperties()) {
      m.put("additionalProperties", true);
    }
    if (f.discriminator() != null) {
      m.put("discriminator", f.discriminator());
    }
    if (f.type() == FieldType.ARRAY) {
      m.put("items", field(f.items() == null ? FieldDef.of(f.name(), FieldType.JSON, false) : f.items(), false, false));
    }
    if (f.type() == FieldType.OBJECT && f.fields() != null) {
      m.put("fields", fields(f.fields(), null));
    }
    if (f.variants() != null) {
      Map<String, Object> variants = new LinkedHashMap<>();
      f.variants().forEach((tag, vf) -> variants.put(tag, Map.of("fields", fields(vf, null))));
      m.put("variants", variants);
    }
    if (withUi) {
      m.put("ui", ui(f, isId));
    }
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** The form hint of a field: which input renders it, under which label. */
  static Map<String, Object> ui(FieldDef f, boolean isId) {
    Map<String, Object> ui = new LinkedHashMap<>();
    ui.put("label", label(f.relation() != null ? f.relation().name() : f.name()));
    ui.put("component", component(f));
    if (isId || f.readOnly()) {
      ui.put("readonly", true);
    }
    if (f.relation() != null) {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("resource", f.relation().to());
      options.put("valueField", f.relation().toField());
      ui.put("optionsFrom", options);
    }
    return ui;
  }

  static String component(FieldDef f) {
    if (f.relation() != null) {
      return "relationSelect";
    }
    return switch (f.type()) {
      case BOOLEAN -> "toggle";
      case ENUM -> f.values() != null && f.values().size() <= 3 ? "radio" : "select";
      case DATETIME -> "datetime";
      case DATE -> "date";
      case NUMBER, INTEGER -> "number";
      case ARRAY -> f.items() != null && f.items().type() == FieldType.ENUM ? "multiSelect"
          : f.items() != null && f.items().type() == FieldType.STRING ? "tags" : "list";
      case OBJECT -> f.fields() != null && !f.fields().isEmpty() ? "fieldset" : "json";
      case JSON -> "json";
      case STRING, BYTES -> stringComponent(f);
    };
  }

  private static String stringComponent(FieldDef f) {
    String name = f.name().toLowerCase(Locale.ROOT);
    if (name.contains("email")) {
      return "email";
    }
    if (IMAGE_WORDS.stream().anyMatch(name::contains)) {
      return "image";
    }
    if (URL_WORDS.stream().anyMatch(name::contains)) {
      return "url";
    }
    if (TEXTAREA_WORDS.stream().anyMatch(name::contains) || f.maxLength() != null && f.maxLength() >= TEXTAREA_MAX_LENGTH) {
      return "textarea";
    }
    return "text";
  }

  /** {@code ownerId} to {@code Owner ID}, {@code created_at} to {@code Created at}. */
  static String label(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary = Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1));
      if (!Character.isLetterOrDigit(c) || boundary) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isLetterOrDigit(c)) {
          continue;
        }
      }
      word.append(c);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i).toLowerCase(Locale.ROOT);
      w = w.equals("id") ? "ID" : i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w;
      out.append(i == 0 ? "" : " ").append(w);
    }
    return out.length() == 0 ? name : out.toString();
  }
}
