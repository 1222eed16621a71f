package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.verify.ReferenceResults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a workload needs besides the engine: the dataset it runs on, the run policy, the
 * reference results to check against, a scratch folder and where to log progress.
 *
 * @param dataset the dataset the engine was opened on
 * @param policy how long and how often to run
 * @param references SQLite's results, filled while the reference engine runs
 * @param scratch folder for engine files and logs
 * @param log progress output
 * @param opened told about every engine once it has opened, so the report can describe it
 */
public record RunContext(Dataset dataset, RunPolicy policy, ReferenceResults references,
    Path scratch, PrintStream log, Consumer<Engine> opened) {

  /** The same context over another dataset. */
  public RunContext on(Dataset other) {
    return new RunContext(other, policy, references, scratch, log, opened);
  }
}
