package dev.asyncdb.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM ({@link CrashWriter}) writes continuously with one or
 * four writer threads and frequent checkpoints; the test kills it with SIGKILL, reopens the
 * project and checks that every acknowledged write is there, that no transaction is half
 * applied, and that every state file parses. The project carries over from one kill to the next,
 * so recovery also runs on state left by earlier recoveries. {@code -Dasyncdb.crash.iterations=N}
 * sets the number of kill points (50 in CI).
 */
class CrashRecoveryTest {
  @TempDir
  Path tmp;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    int iterations = Integer.parseInt(System.getProperty("asyncdb.crash.iterations", "50"));
    long seed = Long.getLong("asyncdb.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path project = tmp.resolve("crash");
    Files.createDirectories(project.resolve("db"));
    Files.writeString(project.resolve("db/orders.json"), "[]");
    Files.writeString(project.resolve("db/ledger.json"), "{}");
    // Small checkpoints, so kills also land during checkpoints and log trimming.
    Files.writeString(project.resolve("db.config.json"), "{\"stores\":{\"json\":{\"checkpointBytes\":32768}}}");
    List<String> acked = new ArrayList<>();
    Map<String, Long> ledgerAcked = new HashMap<>();
    int killedWhileWriting = 0;
    for (int i = 0; i < iterations; i++) {
      int writers = i % 2 == 0 ? 1 : 4;
      String run = "r" + i;
      Process child = new ProcessBuilder(javaBin(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), project.toString(), Integer.toString(writers), run)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Output output = new Output(child.getInputStream());
      output.start();
      assertThat(output.awaitReady(120)).as("child %d (seed %d) reported ready", i, seed).isTrue();
      Thread.sleep(30 + random.nextInt(400));
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      output.join();
      List<String> lines = output.completeLines();
      if (lines.size() > 1) {
        killedWhileWriting++;
      }
      for (String line : lines) {
        String[] parts = line.split(" ");
        if (parts[0].equals("ack")) {
          acked.add(parts[1]);
        } else if (parts[0].equals("tx")) {
          ledgerAcked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
          acked.add("t_" + parts[1] + "_" + parts[2]);
        }
      }
      verify(project, acked, ledgerAcked, "kill " + i + " of " + iterations + " (seed " + seed + ")");
    }
    assertThat(killedWhileWriting).as("kills that hit a child while it was writing").isGreaterThan(iterations / 2);
    assertThat(acked.size()).isGreaterThan(iterations);
  }

  private static void verify(Path project, List<String> acked, Map<String, Long> ledgerAcked, String when) throws IOException {
    try (AsyncDb db = AsyncDb.open(project)) {
      for (String id : acked) {
        assertThat(db.collection("orders").get(id)).as("%s: acknowledged order %s", when, id).isNotNull();
      }
      Map<String, Object> ledger = db.document("ledger").get();
      ledgerAcked.forEach((thread, seq) ->
          assertThat(((Number) ledger.get(thread)).longValue()).as("%s: ledger of %s", when, thread).isGreaterThanOrEqualTo(seq));
      // All or nothing: every transaction's order has its ledger move, and the ledger never runs ahead of the orders.
      Map<String, Long> newestTx = new HashMap<>();
      for (Map<String, Object> order : db.collection("orders").all()) {
        if (((String) order.get("id")).startsWith("t_")) {
          newestTx.merge((String) order.get("thread"), ((Number) order.get("seq")).longValue(), Math::max);
        }
      }
      assertThat(newestTx.keySet()).as("%s: threads with transactions", when).isEqualTo(ledger.keySet());
      newestTx.forEach((thread, seq) ->
          assertThat(((Number) ledger.get(thread)).longValue()).as("%s: ledger of %s matches its newest transaction", when, thread).isEqualTo(seq));
    }
    try (Stream<Path> files = Files.list(project.resolve(".db/state"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".json")) {
          Json.parse(Files.readString(f));
        }
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Collects the child's output; only lines ended by a newline count (a kill can cut the last one). */
  private static final class Output extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean ready;

    Output(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          synchronized (bytes) {
            bytes.write(buf, 0, n);
            if (!ready && bytes.toString(StandardCharsets.UTF_8).startsWith("ready\n")) {
              ready = true;
            }
          }
        }
      } catch (IOException closed) {
        // The child was killed.
      }
    }

    boolean awaitReady(int seconds) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (!ready && System.nanoTime() < end && isAlive()) {
        Thread.sleep(5);
      }
      return ready;
    }

    List<String> completeLines() {
      String text;
      synchronized (bytes) {
        text = bytes.toString(StandardCharsets.UTF_8);
      }
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
  }
}
