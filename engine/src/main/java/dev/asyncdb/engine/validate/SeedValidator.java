package dev.asyncdb.engine.validate;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.FieldType;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.table.Column;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.TableVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Validates a loaded collection seed column by column. A dictionary-encoded column is checked once
 * per distinct value and numeric columns by their statistics, so a million-record seed costs
 * milliseconds, not a map per record; only values that need it are checked row by row. Each field
 * reports at most a few offending records plus a count.
 */
public final class SeedValidator {
  private static final int MAX_PER_FIELD = 5;

  private SeedValidator() {}

  public static List<Diagnostic> validate(ResourceSchema schema, TableVersion version, String unknownPolicy, String dataFile, String schemaFile) {
    return validate(schema, version, unknownPolicy, dataFile, schemaFile, null);
  }

  /**
   * As above; a column of {@link SplitWork#MIN_ROWS} rows or more is checked in two halves, one
   * of them on {@code pool} when it has a free thread (null: one thread). The diagnostics are the
   * same either way.
   */
  public static List<Diagnostic> validate(ResourceSchema schema, TableVersion version, String unknownPolicy, String dataFile, String schemaFile,
      Executor pool) {
    List<Diagnostic> out = new ArrayList<>();
    RecordTable table = version.table();
    int live = version.size();
    if (live == 0) {
      return out;
    }
    long[] present = table.presentCounts(version);
    int[] rows = version.liveRows();
    for (FieldDef f : schema.fields().values()) {
      Column c = table.column(f.name());
      if (c == null) {
        if (f.required()) {
          out.add(Diagnostic.error("SCHEMA_REQUIRED_FIELD_MISSING", schema.name(), f.name(),
              "Field \"" + f.name() + "\" of " + schema.name() + " is required but missing in all " + live + " records of " + dataFile + ".",
              "Add \"" + f.name() + "\" to the records, or make it optional in " + schemaFile + ".").withFile(dataFile, null, null));
        }
        continue;
      }
      checkColumn(schema, f, c, present[c.ordinal()] == live, rows, table, unknownPolicy, out, dataFile, pool);
    }
    for (Column c : table.columns()) {
      if (!schema.fields().containsKey(c.name()) && present[c.ordinal()] > 0 && !"allow".equals(unknownPolicy)) {
        String message = "Unknown field \"" + c.name() + "\" in " + dataFile + " (" + present[c.ordinal()] + " of " + live
            + " records) is not declared in " + schemaFile + ".";
        String hint = "Declare \"" + c.name() + "\" in " + schemaFile + ", remove it from the data, or set schema.unknownFields to \"allow\".";
        Diagnostic d = "error".equals(unknownPolicy)
            ? Diagnostic.error("SCHEMA_UNKNOWN_FIELD", schema.name(), c.name(), message, hint)
            : Diagnostic.warn("SCHEMA_UNKNOWN_FIELD", schema.name(), c.name(), message, hint);
        out.add(d.withFile(dataFile, null, null).withDetails(Map.of("records", present[c.ordinal()])));
      }
    }
    out.addAll(uniqueViolations(schema, version, dataFile));
    return out;
  }

  private static void checkColumn(ResourceSchema schema, FieldDef f, Column c, boolean allPresent, int[] rows, RecordTable table,
      String unknownPolicy, List<Diagnostic> out, String dataFile, Executor pool) {
    boolean missingPossible = !allPresent || c.counts().nulls() > 0;
    boolean needsRowCheck = switch (f.type()) {
      case JSON -> false;
      case STRING -> c.kind() != Column.Kind.STRING && c.kind() != Column.Kind.NULL
          || f.pattern() != null || f.minLength() != null || f.maxLength() != null;
      case NUMBER -> !(c.kind() == Column.Kind.LONG || c.kind() == Column.Kind.DOUBLE || c.kind() == Column.Kind.NULL)
          || f.min() != null || f.max() != null;
      case INTEGER -> c.kind() != Column.Kind.LONG && c.kind() != Column.Kind.NULL || f.min() != null || f.max() != null;
      case BOOLEAN -> c.kind() != Column.Kind.BOOLEAN && c.kind() != Column.Kind.NULL;
      default -> c.kind() != Column.Kind.NULL;
    };
    if (!missingPossible && !needsRowCheck) {
      return;
    }
    RowCheck check = new RowCheck(schema, f, c, missingPossible, needsRowCheck, table, unknownPolicy);
    Partial all;
    if (pool != null && rows.length >= SplitWork.MIN_ROWS) {
      int mid = rows.length / 2;
      SplitWork.Pair<Partial> halves = SplitWork.run(pool, () -> check.scan(rows, 0, mid), () -> check.scan(rows, mid, rows.length));
      all = halves.first().then(halves.second());
    } else {
      all = check.scan(rows, 0, rows.length);
    }
    // In row order, as one pass would have written them: each warning once, the first few failing records.
    java.util.Set<String> warned = new java.util.HashSet<>();
    for (Partial.Entry e : all.entries) {
      if (e.failingRow() < 0 ? warned.add(e.diagnostic().code() + " " + e.diagnostic().field()) : e.failingRow() < MAX_PER_FIELD) {
        out.add(e.diagnostic().withFile(dataFile, null, null));
      }
    }
    if (all.failures > MAX_PER_FIELD) {
      out.add(Diagnostic.error(all.firstCode, schema.name(), f.name(),
          (all.failures - MAX_PER_FIELD) + " more records of " + schema.name() + " have invalid \"" + f.name() + "\" values (" + all.failures + " in all).",
          "Fix the records listed above and the others like them in " + dataFile + ".").withFile(dataFile, null, null)
          .withDetails(Map.of("count", all.failures)));
    }
  }

  /** What a scan of some rows found: warnings and the diagnostics of its first failing records, in row order. */
  private static final class Partial {
    /** A warning ({@code failingRow} -1) or a diagnostic of the n-th failing record of the scan. */
    record Entry(Diagnostic diagnostic, int failingRow) {}

    final List<Entry> entries = new ArrayList<>();
    long failures;
    String firstCode;

    /** This scan followed by a scan of later rows. */
    Partial then(Partial later) {
      Partial all = new Partial();
      all.entries.addAll(entries);
      for (Entry e : later.entries) {
        all.entries.add(e.failingRow() < 0 ? e : new Entry(e.diagnostic(), (int) Math.min(Integer.MAX_VALUE, failures + e.failingRow())));
      }
      all.failures = failures + later.failures;
      all.firstCode = firstCode != null ? firstCode : later.firstCode;
      return all;
    }
  }

  /** The checks of one field over a range of rows; ranges of one column may be scanned in parallel. */
  private static final class RowCheck {
    private final ResourceSchema schema;
    private final FieldDef f;
    private final Column c;
    private final boolean missingPossible;
    private final boolean needsRowCheck;
    private final RecordTable table;
    private final String unknownPolicy;
    private final boolean dateFastPath;
    private final ResourceSchema single;

    RowCheck(ResourceSchema schema, FieldDef f, Column c, boolean missingPossible, boolean needsRowCheck, RecordTable table,
        String unknownPolicy) {
      this.schema = schema;
      this.f = f;
      this.c = c;
      this.missingPossible = missingPossible;
      this.needsRowCheck = needsRowCheck;
      this.table = table;
      this.unknownPolicy = unknownPolicy;
      this.dateFastPath = (f.type() == FieldType.DATETIME || f.type() == FieldType.DATE) && c.kind() == Column.Kind.STRING
          && f.pattern() == null && f.minLength() == null && f.maxLength() == null;
      this.single = schema.withFields(Map.of(f.name(), f.withRequired(false)));
    }

    Partial scan(int[] rows, int from, int to) {
      Partial part = new Partial();
      Map<Integer, Boolean> codeVerdicts = c.isDictionaryEncoded() ? new HashMap<>() : null;
      java.util.Set<String> warned = new java.util.HashSet<>();
      int reported = 0;
      // Valid dates of packed text are checked on their bytes; anything else takes the general path below.
      java.util.function.IntFunction<CharSequence> texts = dateFastPath && !c.isDictionaryEncoded() ? c.texts() : null;
      for (int i = from; i < to; i++) {
        int row = rows[i];
        boolean has = !missingPossible || table.hasField(row, c);
        if (texts != null && has) {
          CharSequence text = texts.apply(row);
          if (text != null && (f.type() == FieldType.DATETIME ? IsoDates.isDateTime(text) : IsoDates.isDate(text))) {
            continue;
          }
        }
        Object v = has ? c.get(row) : null;
        List<Diagnostic> found = null;
        if (v == null) {
          if (f.required() && !(has && f.nullable())) {
            found = List.of(Diagnostic.error("SCHEMA_REQUIRED_FIELD_MISSING", schema.name(), f.name(),
                "Field \"" + f.name() + "\" of " + schema.name() + " (record " + table.keyOf(row) + ") is required but "
                    + (has ? "null" : "missing") + ".",
                "Provide a " + f.type().label() + " value for \"" + f.name() + "\".").withDetails(Map.of("id", String.valueOf(table.keyOf(row)))));
          } else if (has && !f.nullable() && f.type() != FieldType.JSON) {
            found = validateRow(single, f, null, unknownPolicy, table, row);
          }
        } else if (needsRowCheck) {
          if (dateFastPath && !c.isDictionaryEncoded()) {
            String text = (String) v;
            if (f.type() == FieldType.DATETIME ? IsoDates.isDateTime(text) : IsoDates.isDate(text)) {
              continue;
            }
          }
          if (codeVerdicts != null) {
            int code = c.dictionaryCode(row);
            Boolean ok = codeVerdicts.get(code);
            if (Boolean.TRUE.equals(ok)) {
              continue;
            }
            found = validateRow(single, f, v, unknownPolicy, table, row);
            codeVerdicts.put(code, found.isEmpty());
          } else {
            found = validateRow(single, f, v, unknownPolicy, table, row);
          }
          for (Diagnostic w : found) {
            if (!w.isError() && warned.add(w.code() + " " + w.field())) {
              part.entries.add(new Partial.Entry(w, -1));
            }
          }
          found = errorsOnly(found);
        }
        if (found != null && !found.isEmpty()) {
          part.firstCode = part.firstCode == null ? found.get(0).code() : part.firstCode;
          if (reported < MAX_PER_FIELD) {
            for (Diagnostic d : found) {
              part.entries.add(new Partial.Entry(d, (int) part.failures));
            }
            reported++;
          }
          part.failures++;
        }
      }
      return part;
    }
  }

  /** Validates one value; the record id (costly to build) is looked up only for messages about failures. */
  private static List<Diagnostic> validateRow(ResourceSchema single, FieldDef f, Object v, String unknownPolicy, RecordTable table, int row) {
    List<Diagnostic> found = Validator.validate(single, record(f.name(), v), ValidationMode.REPLACE, unknownPolicy, null);
    return found.isEmpty() ? found : Validator.validate(single, record(f.name(), v), ValidationMode.REPLACE, unknownPolicy, table.keyOf(row));
  }

  private static List<Diagnostic> errorsOnly(List<Diagnostic> ds) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      if (d.isError()) {
        out.add(d);
      }
    }
    return out;
  }

  private static Map<String, Object> record(String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(field, value);
    return m;
  }

  /** Fields declared {@code unique}: every repeated value is an error. */
  public static List<Diagnostic> uniqueViolations(ResourceSchema schema, TableVersion version, String file) {
    List<Diagnostic> out = new ArrayList<>();
    for (FieldDef f : schema.fields().values()) {
      if (!f.unique()) {
        continue;
      }
      Column c = version.table().column(f.name());
      if (c == null) {
        continue;
      }
      Map<String, String> seen = new HashMap<>();
      for (int row : version.liveRows()) {
        Object v = c.get(row);
        if (v == null || "".equals(v)) {
          continue;
        }
        String text = dev.asyncdb.engine.json.Json.write(v);
        String other = seen.putIfAbsent(text, version.table().keyOf(row));
        if (other != null) {
          out.add(Diagnostic.error("SCHEMA_UNIQUE_VALUE_DUPLICATE", schema.name(), f.name(),
              "Field \"" + f.name() + "\" of " + schema.name() + " must be unique, but records " + other + " and "
                  + version.table().keyOf(row) + " both have " + text + ".",
              "Give each record a distinct \"" + f.name() + "\".").withFile(file, null, null)
              .withDetails(Map.of("value", v, "ids", List.of(String.valueOf(other), String.valueOf(version.table().keyOf(row))))));
        }
      }
    }
    return out;
  }
}
