package dev.asyncdb.bench.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of a workload's table: a case (a query, a writer count…) and each engine's outcome. */
public final class CaseResult {

  private final String label;
  private final Unit unit;
  private final Map<String, Outcome> byEngine = new LinkedHashMap<>();

  public CaseResult(String label, Unit unit) {
    this.label = label;
    this.unit = unit;
  }

  /** The case's name, e.g. {@code Q1}. */
  public String label() {
    return label;
  }

  /** The unit of every figure in this case. */
  public Unit unit() {
    return unit;
  }

  /** Records {@code engine}'s outcome. */
  public void put(String engine, Outcome outcome) {
    byEngine.put(engine, outcome);
  }

  /** The outcomes by engine name, in the order engines ran. */
  public Map<String, Outcome> outcomes() {
    return Collections.unmodifiableMap(byEngine);
  }
}
