package dev.asyncdb.engine.sync;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.Relation;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.TableVersion;
import dev.asyncdb.engine.validate.SplitWork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Checks declared relations: the target collection and field exist, and every seed value points
 * at an existing target record (an error when the field is required, else a warning). Lookups go
 * through the target's key index when the relation points at its id.
 */
final class RelationChecker {
  private static final int MAX_LISTED = 5;

  private RelationChecker() {}

  /**
   * The findings of earlier scans whose sources are unchanged, and where the scans of this open
   * are reported (so they can be kept for the next one).
   */
  interface Scans {
    Scans NONE = new Scans() {
      @Override
      public List<Diagnostic> kept(ResourceDefinition source, FieldDef field, ResourceDefinition target) {
        return null;
      }

      @Override
      public void scanned(ResourceDefinition source, FieldDef field, ResourceDefinition target, List<Diagnostic> findings) {
        // nothing kept
      }
    };

    /** What an earlier scan of {@code source.field} into {@code target} found, if it read the same sources; else null. */
    List<Diagnostic> kept(ResourceDefinition source, FieldDef field, ResourceDefinition target);

    /** What this open's scan (or the kept result) of {@code source.field} into {@code target} found. */
    void scanned(ResourceDefinition source, FieldDef field, ResourceDefinition target, List<Diagnostic> findings);
  }

  static List<Diagnostic> check(List<ResourceDefinition> resources) {
    return check(resources, null, Scans.NONE);
  }

  /**
   * As above; a relation over {@link SplitWork#MIN_ROWS} records or more is checked in two halves,
   * one on {@code pool}; a scan {@code scans} kept from an earlier open is not repeated.
   */
  static List<Diagnostic> check(List<ResourceDefinition> resources, Executor pool, Scans scans) {
    Map<String, ResourceDefinition> byName = new LinkedHashMap<>();
    resources.forEach(r -> byName.put(r.name(), r));
    List<Diagnostic> out = new ArrayList<>();
    for (ResourceDefinition r : resources) {
      if (!r.schema().isCollection()) {
        continue;
      }
      for (FieldDef f : r.schema().fields().values()) {
        Relation rel = f.relation();
        if (rel == null) {
          continue;
        }
        ResourceDefinition target = resolve(byName, rel.to());
        if (target == null || !target.schema().isCollection()) {
          out.add(Diagnostic.error("SCHEMA_RELATION_TARGET_RESOURCE_MISSING", r.name(), f.name(),
              "Relation " + r.name() + "." + f.name() + " points at \"" + rel.to() + "\", which is not a collection of this project.",
              "Point \"relation.to\" at an existing collection (available: " + String.join(", ", byName.keySet()) + ")."));
          continue;
        }
        if (!target.schema().fields().containsKey(rel.toField())) {
          out.add(Diagnostic.error("SCHEMA_RELATION_TARGET_FIELD_MISSING", r.name(), f.name(),
              "Relation " + r.name() + "." + f.name() + " points at field \"" + rel.toField() + "\" of " + target.name() + ", which does not exist.",
              "Use one of: " + String.join(", ", target.schema().fields().keySet()) + "."));
          continue;
        }
        List<Diagnostic> findings = scans.kept(r, f, target);
        if (findings == null) {
          findings = missingTargets(r, f, target, pool);
        }
        out.addAll(findings);
        scans.scanned(r, f, target, findings);
      }
    }
    return out;
  }

  private static ResourceDefinition resolve(Map<String, ResourceDefinition> byName, String name) {
    for (String alias : dev.asyncdb.engine.source.Names.aliases(name)) {
      if (byName.containsKey(alias)) {
        return byName.get(alias);
      }
    }
    return null;
  }

  /** How many records of a range point at no target, and the first few of them ("id → value"), in row order. */
  private static final class Missing {
    long count;
    final List<String> examples = new ArrayList<>();

    Missing then(Missing later) {
      Missing all = new Missing();
      all.count = count + later.count;
      all.examples.addAll(examples);
      for (String e : later.examples) {
        if (all.examples.size() < MAX_LISTED) {
          all.examples.add(e);
        }
      }
      return all;
    }
  }

  private static Missing scan(TableVersion from, Column c, TableVersion to, boolean byKey, Set<String> targetValues, int[] rows,
      int start, int end) {
    Missing out = new Missing();
    for (int i = start; i < end; i++) {
      int row = rows[i];
      boolean found;
      if (byKey && c.packsText()) {
        // Key bytes compared in place: no String per record (a million relations cost one pass).
        if (c.isNull(row) || c.isEmptyString(row)) {
          continue;
        }
        found = to.findKeyOf(c, row) >= 0;
      } else {
        String value = KeySpec.scalarKey(c.get(row));
        if (value == null) {
          continue;
        }
        found = byKey ? to.find(value) >= 0 : targetValues.contains(value);
      }
      if (!found) {
        out.count++;
        if (out.examples.size() < MAX_LISTED) {
          out.examples.add(from.table().keyOf(row) + " → " + KeySpec.scalarKey(c.get(row)));
        }
      }
    }
    return out;
  }

  /** The records of {@code source} whose {@code f} points at no record of {@code target} (at most one finding). */
  private static List<Diagnostic> missingTargets(ResourceDefinition source, FieldDef f, ResourceDefinition target, Executor pool) {
    TableVersion from = source.seedRows();
    TableVersion to = target.seedRows();
    Column c = from.table().column(f.name());
    if (c == null) {
      return List.of();
    }
    String toField = f.relation().toField();
    boolean byKey = !target.schema().hasCompoundKey() && toField.equals(target.schema().idField());
    Set<String> targetValues = null;
    if (!byKey) {
      targetValues = new HashSet<>();
      Column tc = to.table().column(toField);
      for (int row : to.liveRows()) {
        String k = tc == null ? null : KeySpec.scalarKey(tc.get(row));
        if (k != null) {
          targetValues.add(k);
        }
      }
    }
    int[] rows = from.liveRows();
    Set<String> values = targetValues;
    Missing found;
    if (pool != null && rows.length >= SplitWork.MIN_ROWS) {
      int mid = rows.length / 2;
      SplitWork.Pair<Missing> halves = SplitWork.run(pool, () -> scan(from, c, to, byKey, values, rows, 0, mid),
          () -> scan(from, c, to, byKey, values, rows, mid, rows.length));
      found = halves.first().then(halves.second());
    } else {
      found = scan(from, c, to, byKey, values, rows, 0, rows.length);
    }
    List<String> missing = found.examples;
    long count = found.count;
    if (count > 0) {
      String message = count + " record(s) of " + source.name() + " have a " + f.name() + " with no matching " + target.name() + "."
          + toField + " (" + String.join(", ", missing) + (count > MAX_LISTED ? ", …" : "") + ").";
      String hint = "Add the missing " + target.name() + " records or fix the " + f.name() + " values.";
      Diagnostic d = f.required()
          ? Diagnostic.error("SCHEMA_RELATION_TARGET_MISSING", source.name(), f.name(), message, hint)
          : Diagnostic.warn("SCHEMA_RELATION_TARGET_MISSING", source.name(), f.name(), message, hint);
      return List.of(d.withDetails(Map.of("count", count, "examples", missing)));
    }
    return List.of();
  }
}
