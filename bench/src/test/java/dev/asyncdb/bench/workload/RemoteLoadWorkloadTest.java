package dev.asyncdb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.bench.workload.mix.Operation;
import dev.asyncdb.bench.workload.mix.OperationMix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteLoadWorkloadTest {

  private static WorkloadResult lookups(double remoteMs, Outcome postgres) {
    WorkloadResult w = new RemoteLoadWorkload(OperationMix.Shares.DEFAULT).newResult();
    w.record("point lookup p50", Unit.MILLISECONDS, "Async DB", Outcome.ok(new Measurement(0.01, 0.01, 0.02, 5)));
    w.record("point lookup p50", Unit.MILLISECONDS, RemoteLoadWorkload.REMOTE, Outcome.ok(new Measurement(remoteMs, remoteMs, remoteMs, 5)));
    w.record("point lookup p50", Unit.MILLISECONDS, RemoteLoadWorkload.POSTGRES, postgres);
    return w;
  }

  @Test
  void theTargetIsMetWithinTwiceThePostgresP50() {
    String note = RemoteLoadWorkload.targetNote(lookups(0.5, Outcome.ok(new Measurement(0.25, 0.2, 0.3, 5))));
    assertThat(note).endsWith(": 0.500 ms against 0.250 ms, 2.00× — **met**.");
  }

  @Test
  void theTargetIsMissedBeyondTwiceThePostgresP50() {
    String note = RemoteLoadWorkload.targetNote(lookups(12.4, Outcome.ok(new Measurement(0.2, 0.2, 0.3, 5))));
    assertThat(note).endsWith(": 12.400 ms against 0.200 ms, 62.00× — **not met**.");
  }

  @Test
  void withoutPostgresTheTargetIsNotChecked() {
    String note = RemoteLoadWorkload.targetNote(lookups(0.5, Outcome.unavailable(PostgresPeer.NOT_RUN)));
    assertThat(note).endsWith("**not checked** (no PostgreSQL figure).");
    note = RemoteLoadWorkload.targetNote(lookups(0.5, Outcome.error("SQLException: connection refused")));
    assertThat(note).endsWith("**not checked** (a figure is missing or failed).");
  }

  @Test
  void answersThatDifferFromTheFirstTargetsAreNamedPerKind() {
    List<String> titles = new ArrayList<>(Collections.nCopies(RemoteLoadWorkload.PROBES, "p_1: Hello"));
    List<List<String>> ranges = new ArrayList<>(Collections.nCopies(RemoteLoadWorkload.PROBES, List.of("p_1", "p_2")));
    RemoteLoadWorkload.Answers reference = new RemoteLoadWorkload.Answers(titles, ranges);
    List<List<String>> otherRanges = new ArrayList<>(ranges);
    otherRanges.set(3, List.of("p_2"));
    RemoteLoadWorkload.Answers mine = new RemoteLoadWorkload.Answers(titles, otherRanges);

    assertThat(RemoteLoadWorkload.difference(Operation.LOOKUP, mine, reference, "Async DB")).isNull();
    assertThat(RemoteLoadWorkload.difference(Operation.RANGE, mine, reference, "Async DB"))
        .isEqualTo("range query 4 answered [p_2] where Async DB answered [p_1, p_2]");
    assertThat(RemoteLoadWorkload.difference(Operation.RANGE, mine, null, null)).isNull();
  }

  @Test
  void theReportComparesTheRemoteSetupWithItsPeers() {
    WorkloadResult w = new RemoteLoadWorkload(OperationMix.Shares.parse("95,0,5")).newResult();
    assertThat(w.ratioSubject()).isEqualTo("Async DB (remote)");
    assertThat(w.description()).contains("95% point lookups", "0% range queries", "5% inserts");
  }
}
