package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spots undeclared relations: a field {@code xId} whose values are ids of a collection named
 * {@code x}, {@code xs} or {@code xies}. All values found: a suggestion to declare the relation;
 * some missing: a warning, because either the data or the guess is wrong.
 */
final class RelationChecks {
  private RelationChecks() {}

  static List<Finding> check(List<ResourceDefinition> collections, Map<String, List<Map<String, Object>>> seeds) {
    List<Finding> out = new ArrayList<>();
    for (ResourceDefinition source : collections) {
      for (FieldDef field : source.schema().fields().values()) {
        String name = field.name();
        if (name.equals(source.schema().idField()) || field.relation() != null || !name.endsWith("Id") || name.length() <= 2) {
          continue;
        }
        String relation = name.substring(0, name.length() - 2);
        ResourceDefinition target = collections.stream()
            .filter(c -> !c.name().equals(source.name()) && variants(c.name()).contains(relation.toLowerCase(Locale.ROOT)))
            .findFirst().orElse(null);
        if (target != null) {
          suggest(source, name, relation, target, seeds, out);
        }
      }
    }
    return out;
  }

  private static void suggest(ResourceDefinition source, String field, String relation, ResourceDefinition target,
      Map<String, List<Map<String, Object>>> seeds, List<Finding> out) {
    List<Object> values = new ArrayList<>();
    for (Map<String, Object> r : seeds.get(source.name())) {
      if (!Seeds.isEmpty(r.get(field))) {
        values.add(r.get(field));
      }
    }
    if (values.isEmpty()) {
      return;
    }
    String toField = target.schema().idField();
    Set<String> targetIds = new LinkedHashSet<>();
    for (Map<String, Object> r : seeds.get(target.name())) {
      if (!Seeds.isEmpty(r.get(toField))) {
        targetIds.add(String.valueOf(r.get(toField)));
      }
    }
    int matching = 0;
    Set<String> missing = new LinkedHashSet<>();
    for (Object v : values) {
      if (targetIds.contains(String.valueOf(v))) {
        matching++;
      } else {
        missing.add(String.valueOf(v));
      }
    }
    if (matching == 0) {
      return;
    }
    Map<String, Object> suggested = Seeds.details("name", relation, "to", target.name(), "toField", toField, "cardinality", "one");
    if (!missing.isEmpty()) {
      out.add(Finding.doctor(Diagnostic.warn("DOCTOR_RELATION_MISSING_TARGET_VALUES", source.name(), field,
          source.name() + "." + field + " looks related to " + target.name() + "." + toField + ", but " + missing.size()
              + " value(s) are missing from " + target.name() + ".",
          "Add matching " + target.name() + " records, fix " + source.name() + "." + field + ", or ignore this if the field is not a relation.")
          .withDetails(Seeds.details("suggestedRelation", suggested, "missingValues", List.copyOf(missing), "matchingCount", matching))));
      return;
    }
    out.add(Finding.doctor(Diagnostic.info("DOCTOR_RELATION_SUGGESTION", source.name(), field,
        "Possible relation detected: " + source.name() + "." + field + " -> " + target.name() + "." + toField + ".",
        "Declare it in a schema file: \"" + field + "\": {\"type\": \"string\", \"relation\": {\"to\": \"" + target.name() + "\"}} "
            + "(async-db schema infer " + source.name() + " --out db/" + source.name() + ".schema.jsonc starts one).")
        .withDetails(Seeds.details("suggestedRelation", suggested, "matchingCount", matching))));
  }

  /** Lower-case names a relation prefix may take for a collection: {@code categories} answers to categories, category, categorie. */
  private static Set<String> variants(String resource) {
    String n = resource.toLowerCase(Locale.ROOT);
    Set<String> out = new LinkedHashSet<>();
    out.add(n);
    if (n.endsWith("ies") && n.length() > 3) {
      out.add(n.substring(0, n.length() - 3) + "y");
    }
    if (n.endsWith("s") && n.length() > 1) {
      out.add(n.substring(0, n.length() - 1));
    }
    return out;
  }
}
