package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.engine.Engine;
import java.util.List;

/** A workload that runs queries on an engine already opened over its dataset. */
public interface ReadWorkload {

  /** Which generated dataset the workload queries. */
  enum DatasetKind { APP, TPCH }

  /** The workload's id, e.g. {@code W3}. */
  String id();

  /** The dataset the engine must be opened on. */
  DatasetKind dataset();

  /** The labels of the cases it records (to report an engine that could not even open). */
  List<String> caseLabels();

  /** The unit of its figures. */
  Unit unit();

  /**
   * Runs on {@code engine} and records each case's outcome into {@code into}; the reference
   * engine's results become the references, every other engine's are checked against them.
   */
  void run(Engine engine, boolean reference, RunContext context, WorkloadResult into);

  /** A fresh, empty result for this workload. */
  WorkloadResult newResult();
}
