package dev.asyncdb.bench.workload.mix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the mix on a number of clients at once: opens every client first (so connecting is not
 * part of the window), starts them together, and lets each run operations back to back, timing
 * each, until the window ends (or it has run its share of operations). An operation that fails or
 * answers wrongly is counted, not timed, and the client goes on.
 */
public final class LoadRunner {

  /** Opens one client of the target. */
  @FunctionalInterface
  public interface ClientFactory {
    LoadClient open() throws Exception;
  }

  private final OperationMix mix;
  private final int clients;
  private final AtomicLong insertRows;
  private final Duration grace;

  /**
   * @param mix what to run
   * @param clients how many clients run at once, each on its own thread
   * @param insertRows numbers the inserted rows; shared by every run on one target so ids stay unique
   * @param grace how long after the window a client may take to finish its last operation before
   *     the target is taken for hung
   */
  public LoadRunner(OperationMix mix, int clients, AtomicLong insertRows, Duration grace) {
    this.mix = mix;
    this.clients = clients;
    this.insertRows = insertRows;
    this.grace = grace;
  }

  /** What one client did: its samples and when it finished. */
  private record ClientRun(Map<Operation, OperationSamples> samples, long finishedAt) {}

  /**
   * Runs the clients for {@code window}, or until each has run {@code operationsPerClient}
   * operations; {@code seed} fixes what they run.
   */
  public LoadRun run(ClientFactory factory, Duration window, long operationsPerClient, long seed) throws Exception {
    List<LoadClient> opened = new ArrayList<>();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
      Thread t = new Thread(r, "w11-client-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Exception failure = null;
    try {
      for (int i = 0; i < clients; i++) {
        opened.add(factory.open());
      }
      CountDownLatch go = new CountDownLatch(1);
      long[] startAndEnd = new long[2];
      List<Future<ClientRun>> runs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        LoadClient client = opened.get(i);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        runs.add(pool.submit(() -> {
          go.await();
          return runClient(client, random, startAndEnd[1], operationsPerClient);
        }));
      }
      startAndEnd[0] = System.nanoTime();
      startAndEnd[1] = startAndEnd[0] + window.toNanos();
      go.countDown(); // publishes startAndEnd to the clients
      List<ClientRun> done = new ArrayList<>();
      long waitUntil = startAndEnd[1] + grace.toNanos();
      for (int i = 0; i < clients; i++) {
        try {
          done.add(runs.get(i).get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          throw new TimeoutException("client " + (i + 1) + " of " + clients + " was still in an operation " + grace.toMillis()
              + " ms after the " + window.toMillis() + " ms window ended; the target may be hung");
        }
      }
      long finished = done.stream().mapToLong(ClientRun::finishedAt).max().orElseThrow();
      Map<Operation, OperationSamples> merged = new EnumMap<>(Operation.class);
      for (Operation op : Operation.values()) {
        merged.put(op, OperationSamples.merge(done.stream().map(d -> d.samples().get(op)).toList()));
      }
      return new LoadRun(merged, (finished - startAndEnd[0]) / 1e9);
    } catch (Exception e) {
      failure = e;
      throw e;
    } finally {
      pool.shutdownNow();
      closeAll(opened, failure);
    }
  }

  private ClientRun runClient(LoadClient client, SplittableRandom random, long end, long operations) {
    Map<Operation, OperationSamples> samples = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      samples.put(op, new OperationSamples());
    }
    for (long n = 0; n < operations && System.nanoTime() < end; n++) {
      Operation op = mix.next(random);
      // Parameters are drawn before the clock starts: only the operation itself is timed.
      String id = mix.postId(random);
      Window window = op == Operation.RANGE ? mix.window(random) : null;
      long row = op == Operation.INSERT ? insertRows.incrementAndGet() : 0;
      long start = System.nanoTime();
      try {
        switch (op) {
          case LOOKUP -> client.lookup(id);
          case RANGE -> client.range(window);
          case INSERT -> client.insert(row, id);
        }
        samples.get(op).add(System.nanoTime() - start);
      } catch (Exception e) {
        samples.get(op).error(e);
      }
    }
    return new ClientRun(samples, System.nanoTime());
  }

  /** Closes every client; a failure to close is thrown, or added to the run's own failure. */
  private static void closeAll(List<LoadClient> clients, Exception failure) throws Exception {
    Exception first = null;
    for (LoadClient client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
