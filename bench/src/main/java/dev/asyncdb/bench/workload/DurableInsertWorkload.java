package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.engine.Engines;
import dev.asyncdb.bench.engine.RowWriter;
import dev.asyncdb.bench.verify.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W7: durable single-row inserts into the loaded {@code posts} collection of file-backed
 * engines, each insert its own committed transaction, with one writer and with eight concurrent
 * writers (each on its own connection); afterwards every acknowledged insert must be counted.
 */
public final class DurableInsertWorkload {

  /** The writer counts measured. */
  public static final List<Integer> WRITERS = List.of(1, 8);

  private final AtomicLong sequence = new AtomicLong();

  /** A fresh, empty result for this workload. */
  public WorkloadResult newResult() {
    return new WorkloadResult("W7", "Durable single-row inserts",
        "Auto-committed single-row INSERTs into `posts` (loaded with the app dataset), each"
            + " acknowledged only when the engine has made it durable; one writer, then 8"
            + " writers on their own connections. File-backed engines only.");
  }

  /** The label of the case with {@code writers} writers. */
  public static String label(int writers) {
    return writers == 1 ? "1 writer" : writers + " writers";
  }

  /**
   * Runs W7 on every engine in {@code engineIds} and records into {@code into}; an engine that
   * does not finish within the policy's engine timeout is abandoned and shown as failed.
   */
  public void run(List<String> engineIds, Dataset app, RunContext context, WorkloadResult into) {
    for (String engineId : engineIds) {
      Engine engine = Engines.create(engineId, context.scratch().resolve("w7"));
      Map<Integer, Outcome> outcomes;
      try {
        outcomes = Deadline.call(context.policy().engineTimeout(), engine.name() + " W7", () -> {
          try (engine) {
            return runEngine(engine, app, context);
          }
        });
      } catch (Exception e) {
        Outcome failed = Outcome.failed(e);
        outcomes = new LinkedHashMap<>();
        for (int writers : WRITERS) {
          outcomes.put(writers, failed);
        }
      }
      for (int writers : WRITERS) {
        Outcome outcome = outcomes.get(writers);
        into.record(label(writers), Unit.ROWS_PER_SECOND, engine.name(), outcome);
        Progress.log(context.log(), "W7", label(writers), engine.name(), outcome,
            Unit.ROWS_PER_SECOND);
      }
    }
  }

  private Map<Integer, Outcome> runEngine(Engine engine, Dataset app, RunContext context)
      throws Exception {
    engine.open(app);
    context.opened().accept(engine);
    long before = engine.count("posts");
    AtomicLong acknowledged = new AtomicLong();
    Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
    Map<Integer, Measurement> measured = new LinkedHashMap<>();
    for (int writers : WRITERS) {
      try {
        long start = System.nanoTime();
        long window = context.policy().writeWindow().toNanos();
        if (context.policy().warmUp()) {
          rowsPerSecond(engine, writers, window / 2, acknowledged);
        }
        measured.put(writers, new Sampler(context.policy())
            .sample(start, () -> rowsPerSecond(engine, writers, window, acknowledged)));
      } catch (Exception e) {
        outcomes.put(writers, Outcome.failed(e));
      }
    }
    Verdict verdict = Verdict.match();
    try {
      long after = engine.count("posts");
      long inserted = acknowledged.get();
      if (after != before + inserted) {
        verdict = Verdict.mismatch("acknowledged " + inserted + " inserts into " + before
            + " rows but " + after + " rows are visible");
      }
    } catch (Exception e) {
      verdict = Verdict.mismatch("could not count rows after inserting: " + Outcome.describe(e));
    }
    for (Map.Entry<Integer, Measurement> entry : measured.entrySet()) {
      outcomes.put(entry.getKey(), Outcome.of(entry.getValue(), verdict));
    }
    return outcomes;
  }

  private double rowsPerSecond(Engine engine, int writers, long windowNanos,
      AtomicLong acknowledged) throws Exception {
    List<RowWriter> opened = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int i = 0; i < writers; i++) {
        opened.add(engine.openWriter("posts"));
      }
      long start = System.nanoTime();
      long deadline = start + windowNanos;
      List<Future<Long>> done = new ArrayList<>();
      for (RowWriter writer : opened) {
        done.add(pool.submit(() -> {
          long rows = 0;
          do {
            writer.insert(nextRecord());
            acknowledged.incrementAndGet();
            rows++;
          } while (System.nanoTime() < deadline);
          return rows;
        }));
      }
      long rows = 0;
      for (Future<Long> future : done) {
        rows += future.get();
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
      for (RowWriter writer : opened) {
        writer.close();
      }
    }
  }

  private Map<String, Object> nextRecord() {
    long n = sequence.incrementAndGet();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", "w7_" + n);
    record.put("userId", "u_1");
    record.put("title", "Durable insert " + n);
    record.put("status", "draft");
    record.put("views", n % 1000);
    record.put("createdAt", "2026-01-01T00:00:00Z");
    return record;
  }
}
