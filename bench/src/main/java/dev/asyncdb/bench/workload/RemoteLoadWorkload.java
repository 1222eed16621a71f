package dev.asyncdb.bench.workload;

import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.engine.AsyncDbEngine;
import dev.asyncdb.bench.verify.Verdict;
import dev.asyncdb.server.AsyncDbServer;
import dev.asyncdb.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * W11: 16 concurrent clients against {@code async-db serve} on loopback, reading posts by id — once
 * through the REST route ({@code GET /db/posts/<id>}, one HTTP client per thread) and once through
 * the Avatica path ({@code jdbc:asyncdb:remote:}, a prepared lookup per thread). Reports the p50 and
 * p99 latency of a request and the throughput of all clients together; every answer is checked
 * (status 200 and the asked id, or a row).
 */
public final class RemoteLoadWorkload {
  static final int CLIENTS = 16;

  public WorkloadResult newResult() {
    return new WorkloadResult("W11", "16 concurrent clients over the server",
        "`async-db serve` on 127.0.0.1 over the app dataset; 16 client threads read random posts by id for the throughput window,"
            + " through REST (`GET /db/posts/<id>`, java.net.http) and through Avatica (`jdbc:asyncdb:remote:`, a prepared"
            + " `SELECT title FROM posts WHERE id = ?` per client). p50/p99 of single requests, throughput of all clients.");
  }

  /** One protocol's client: answers one lookup, returning null when the answer is right, else what was wrong. */
  private interface Client extends AutoCloseable {
    String lookup(String id) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  public void run(Dataset app, RunContext context, WorkloadResult into) throws Exception {
    Path project = AsyncDbEngine.freshProject(context.scratch().resolve("w11"), app);
    long posts = app.table("posts").rows();
    try (AsyncDbServer server = AsyncDbServer.start(ServerConfig.forProject(project).withPort(0).withRestPort(0))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      measure(context, into, "REST GET by id", posts, () -> {
        return id -> {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.restUrl() + "/db/posts/" + id)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          return r.statusCode() == 200 && r.body().contains("\"" + id + "\"") ? null : "HTTP " + r.statusCode() + " for " + id;
        };
      });
      measure(context, into, "Avatica prepared lookup", posts, () -> {
        Connection c = DriverManager.getConnection(server.jdbcUrl());
        PreparedStatement ps = c.prepareStatement("SELECT title FROM posts WHERE id = ?");
        return new Client() {
          @Override
          public String lookup(String id) throws Exception {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? null : "no row for " + id;
            }
          }

          @Override
          public void close() throws Exception {
            ps.close();
            c.close();
          }
        };
      });
    }
  }

  private interface ClientFactory {
    Client open() throws Exception;
  }

  private void measure(RunContext context, WorkloadResult into, String what, long posts, ClientFactory factory) {
    long window = context.policy().throughputWindow().toNanos();
    int runs = context.policy().warmUp() ? context.policy().runs() : 1;
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    AtomicReference<String> wrong = new AtomicReference<>();
    Outcome failed = null;
    try {
      if (context.policy().warmUp()) {
        runOnce(factory, posts, window / 2, wrong);
      }
      for (int r = 0; r < runs; r++) {
        long[][] latencies = runOnce(factory, posts, window, wrong);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        p50.add(all[(int) (all.length * 0.50)] / 1e6);
        p99.add(all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6);
        rate.add(all.length / (window / 1e9));
      }
    } catch (Exception e) {
      failed = Outcome.failed(e);
    }
    Verdict verdict = wrong.get() == null ? Verdict.match() : Verdict.mismatch(wrong.get());
    record(context, into, what + ", p50 (ms)", Unit.MILLISECONDS, failed != null ? failed : Outcome.of(Measurement.of(p50), verdict));
    record(context, into, what + ", p99 (ms)", Unit.MILLISECONDS, failed != null ? failed : Outcome.of(Measurement.of(p99), verdict));
    record(context, into, what + ", 16 clients (ops/s)", Unit.OPS_PER_SECOND, failed != null ? failed : Outcome.of(Measurement.of(rate), verdict));
  }

  private static void record(RunContext context, WorkloadResult into, String label, Unit unit, Outcome outcome) {
    into.record(label, unit, "Async DB (server)", outcome);
    Progress.log(context.log(), "W11", label, "Async DB (server)", outcome, unit);
  }

  /** Each client's request latencies (ns) during one window. */
  private static long[][] runOnce(ClientFactory factory, long posts, long windowNanos, AtomicReference<String> wrong) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<long[]>> done = new ArrayList<>();
      long end = System.nanoTime() + windowNanos;
      for (int t = 0; t < CLIENTS; t++) {
        done.add(pool.submit(() -> {
          try (Client client = factory.open()) {
            long[] samples = new long[1024];
            int n = 0;
            while (System.nanoTime() < end) {
              String id = "p_" + (1 + ThreadLocalRandom.current().nextLong(posts));
              long start = System.nanoTime();
              String problem = client.lookup(id);
              long took = System.nanoTime() - start;
              if (problem != null) {
                wrong.compareAndSet(null, problem);
              }
              if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
              }
              samples[n++] = took;
            }
            return Arrays.copyOf(samples, n);
          }
        }));
      }
      long[][] out = new long[CLIENTS][];
      for (int t = 0; t < CLIENTS; t++) {
        out[t] = done.get(t).get();
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
