package dev.asyncdb.bench.report;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.workload.WorkloadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one report shows.
 *
 * @param generatedAt when the run finished
 * @param machine the machine and JVM
 * @param mode a sentence about the mode (full or smoke) and the run policy
 * @param scale the benchmark scale
 * @param wallTime how long the whole run took
 * @param datasets the generated datasets
 * @param engines the engines that took part
 * @param workloads each workload's results, in order
 * @param asyncDb the engine name whose ratio to the best peer is shown
 */
public record ReportModel(Instant generatedAt, MachineInfo machine, String mode, double scale,
    Duration wallTime, List<Dataset> datasets, List<EngineInfo> engines,
    List<WorkloadResult> workloads, String asyncDb) {}
