package dev.asyncdb.cli.doctor;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every check over a project opened for inspection and a second view of it inferred from
 * data alone (to tell whether schema files add anything).
 */
public final class Doctor {
  private Doctor() {}

  public static List<Finding> run(AsyncDb project, AsyncDb inferredView) {
    List<Finding> out = new ArrayList<>();
    for (Diagnostic d : project.diagnostics()) {
      out.add(StoreChecks.isStoreDiagnostic(d) ? StoreChecks.storeNotFound(d) : new Finding("schema", d));
    }
    Map<String, List<Map<String, Object>>> seeds = new LinkedHashMap<>();
    List<ResourceDefinition> collections = new ArrayList<>();
    for (ResourceDefinition def : project.definitions()) {
      if (def.schema().isCollection()) {
        List<Map<String, Object>> records = Seeds.records(def);
        seeds.put(def.name(), records);
        collections.add(def);
        out.addAll(StoreChecks.largeJsonStore(project.config(), def, records.size()));
        out.addAll(RecordChecks.check(def, records));
      }
    }
    out.addAll(RelationChecks.check(collections, seeds));
    Map<String, ResourceDefinition> inferred = new LinkedHashMap<>();
    inferredView.definitions().forEach(d -> inferred.put(d.name(), d));
    for (ResourceDefinition def : project.definitions()) {
      Object seed = def.schema().isCollection() ? seeds.get(def.name()) : def.seedDocument();
      out.addAll(SchemaGuidance.recommended(def, seed));
      out.addAll(SchemaGuidance.matchesInference(def, inferred.get(def.name())));
    }
    return out;
  }

  /** {@code {error, warn, info}} counts. */
  public static Map<String, Integer> summary(List<Finding> findings) {
    Map<String, Integer> s = new LinkedHashMap<>();
    for (Diagnostic.Severity sev : Diagnostic.Severity.values()) {
      s.put(sev.label(), 0);
    }
    findings.forEach(f -> s.merge(f.diagnostic().severity().label(), 1, Integer::sum));
    return s;
  }
}
