package dev.asyncdb.bench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one workload recorded: its cases and, per case, each engine's outcome. */
public final class WorkloadResult {

  private final String id;
  private final String title;
  private final String description;
  private final Map<String, CaseResult> cases = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private String ratioSubject;

  public WorkloadResult(String id, String title, String description) {
    this.id = id;
    this.title = title;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** What the workload runs, for the report. */
  public String description() {
    return description;
  }

  /**
   * Records {@code engine}'s outcome for case {@code label}, unless one is already recorded (an
   * abandoned, hung engine thread that wakes up late must not overwrite its timeout error).
   */
  public synchronized void record(String label, Unit unit, String engine, Outcome outcome) {
    CaseResult row = cases.computeIfAbsent(label, l -> new CaseResult(l, unit));
    if (!row.outcomes().containsKey(engine)) {
      row.put(engine, outcome);
    }
  }

  /**
   * Makes the report's last column compare {@code engine} (one of Async DB's setups, such as
   * {@code Async DB (remote)}) with the best peer, instead of embedded Async DB.
   */
  public synchronized void compareInReport(String engine) {
    this.ratioSubject = engine;
  }

  /** The engine the last column compares with the best peer, or null for Async DB itself. */
  public synchronized String ratioSubject() {
    return ratioSubject;
  }

  /** Adds a sentence the report prints under the workload's table (a target met or missed, a peer left out). */
  public synchronized void note(String text) {
    notes.add(text);
  }

  /** The notes in the order they were added. */
  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** The cases in the order they were first recorded. */
  public synchronized List<CaseResult> cases() {
    return new ArrayList<>(cases.values());
  }

  /** The engine names in the order they first appear in any case. */
  public synchronized List<String> engines() {
    List<String> engines = new ArrayList<>();
    for (CaseResult c : cases.values()) {
      for (String engine : c.outcomes().keySet()) {
        if (!engines.contains(engine)) {
          engines.add(engine);
        }
      }
    }
    return engines;
  }
}
