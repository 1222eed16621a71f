package dev.asyncdb.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncdb.bench.data.Dataset;
import dev.asyncdb.bench.data.DatasetMarker;
import dev.asyncdb.bench.engine.Engine;
import dev.asyncdb.bench.engine.Engines;
import java.nio.file.Path;
import java.util.TimeZone;

/**
 * The child-process side of W8: in a fresh JVM, opens one engine over the app dataset, takes the
 * number of posts as the first result, and prints one line {@code BENCH_PROBE {json}} with the
 * seconds from open to that result and the process's peak RSS.
 */
public final class LoadProbe {

  /** The prefix of the one line the parent reads. */
  public static final String PREFIX = "BENCH_PROBE ";

  private LoadProbe() {}

  /** Arguments: engine id, dataset project folder, scratch folder. */
  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    ObjectNode line = new ObjectMapper().createObjectNode();
    line.put("engine", args[0]);
    try {
      Dataset dataset = DatasetMarker.load(Path.of(args[1]));
      long start = System.nanoTime();
      try (Engine engine = Engines.create(args[0], Path.of(args[2]))) {
        engine.open(dataset);
        long count = engine.count("posts");
        line.put("seconds", (System.nanoTime() - start) / 1e9);
        line.put("count", count);
        line.put("peakRssKb", PeakRss.kilobytes());
      }
    } catch (Exception e) {
      Outcome outcome = Outcome.failed(e);
      line.put("status", outcome.status().name());
      line.put("error", outcome.message());
    }
    System.out.println(PREFIX + line);
    System.out.flush();
    System.exit(0);
  }
}
