package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers and readers in one JVM: no lost writes, and readers never see half a write. */
class ConcurrencyTest {
  @TempDir
  Path tmp;

  @Test
  void concurrentCreatesAndPatchesLoseNothing() throws Exception {
    TestProjects.project(tmp, "db.config.json", "{\"stores\":{\"default\":\"memory\"}}", "db/counters.json", "[{\"id\":\"c\",\"n\":0}]",
        "db/items.json", "[]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            db.collection("items").create(Map.of("id", thread + "-" + i, "thread", thread));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(db.collection("items").count()).isEqualTo(1600);
      assertThat(db.collection("items").all()).extracting(r -> r.get("id")).doesNotHaveDuplicates().hasSize(1600);
    }
  }

  @Test
  void readersSeeWholeWritesAndStableSnapshots() throws Exception {
    TestProjects.project(tmp, "db.config.json", "{\"stores\":{\"default\":\"memory\"}}",
        "db/accounts.json", "[{\"id\":\"a\",\"balance\":100},{\"id\":\"b\",\"balance\":100}]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      Collection accounts = db.collection("accounts");
      AtomicBoolean stop = new AtomicBoolean();
      List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          List<Map<String, Object>> all = accounts.all();
          if (all.size() < 2) {
            problems.add("saw " + all.size() + " records");
          }
          for (Map<String, Object> r : all) {
            if (!(r.get("balance") instanceof Long)) {
              problems.add("torn record " + r);
            }
          }
        }
      });
      reader.start();
      for (int i = 0; i < 2000; i++) {
        accounts.patch(i % 2 == 0 ? "a" : "b", Map.of("balance", i));
        if (i % 100 == 0) {
          accounts.create(Map.of("id", "x" + i, "balance", 0));
        }
      }
      stop.set(true);
      reader.join();
      assertThat(problems).isEmpty();
      assertThat(accounts.get("b")).containsEntry("balance", 1999L);
    }
  }

  @Test
  void aLongScanSeesOneVersionWhileWritersContinue() throws Exception {
    TestProjects.project(tmp, "db.config.json", "{\"stores\":{\"default\":\"memory\"}}", "db/items.json", "[]");
    try (AsyncDb db = AsyncDb.open(tmp)) {
      Collection items = db.collection("items");
      for (int i = 0; i < 500; i++) {
        items.create(Map.of("id", "i" + i, "v", 1));
      }
      var snapshot = db.database().snapshot();
      for (int i = 0; i < 500; i++) {
        items.patch("i" + i, Map.of("v", 2));
        items.delete("i" + (499 - i));
      }
      var version = snapshot.rows("items");
      long sum = 0;
      for (int row : version.liveRows()) {
        sum += (Long) version.record(row).get("v");
      }
      assertThat(version.size()).isEqualTo(500);
      assertThat(sum).isEqualTo(500);
      assertThat(version.find("i10")).isGreaterThanOrEqualTo(0);
      assertThat(items.count()).isZero();
    }
  }
}
