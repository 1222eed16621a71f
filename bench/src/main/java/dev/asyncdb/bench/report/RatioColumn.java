package dev.asyncdb.bench.report;

import dev.asyncdb.bench.workload.CaseResult;
import dev.asyncdb.bench.workload.Outcome;
import dev.asyncdb.bench.workload.Unit;
import java.util.Map;

/**
 * Async DB's standing in one case against the best peer that answered correctly, as a factor
 * where more than 1 means Async DB did better (faster, more throughput or less memory). Async DB's
 * other setups (such as {@code Async DB (remote)}) are not its peers.
 */
public final class RatioColumn {

  private RatioColumn() {}

  /** The ratio cell for {@code row}, e.g. {@code 0.52× (DuckDB (memory))}, or {@code n/a}. */
  public static String cell(CaseResult row, String asyncDb) {
    return cell(row, asyncDb, asyncDb);
  }

  /**
   * The ratio cell of {@code subject}, one of Async DB's setups (named {@code asyncDb} or
   * starting with it), against the best engine that is none of them.
   */
  public static String cell(CaseResult row, String subject, String asyncDb) {
    if (row.unit() == Unit.COUNT) {
      return "—"; // counts (errors) are judged by themselves, not as a factor
    }
    Outcome own = row.outcomes().get(subject);
    if (own == null || own.status() != Outcome.Status.OK) {
      return "n/a";
    }
    String bestPeer = null;
    double best = 0;
    for (Map.Entry<String, Outcome> entry : row.outcomes().entrySet()) {
      Outcome peer = entry.getValue();
      if (entry.getKey().startsWith(asyncDb) || peer.status() != Outcome.Status.OK) {
        continue;
      }
      double median = peer.measurement().median();
      boolean better = row.unit().higherIsBetter() ? median > best : median < best;
      if (bestPeer == null || better) {
        bestPeer = entry.getKey();
        best = median;
      }
    }
    if (bestPeer == null) {
      return "n/a (no peer answered)";
    }
    double mine = own.measurement().median();
    if (mine == 0 || best == 0) {
      return "n/a (a figure is 0)";
    }
    double factor = row.unit().higherIsBetter() ? mine / best : best / mine;
    return Figures.ratio(factor) + " (" + bestPeer + ")";
  }
}
