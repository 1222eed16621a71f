package dev.asyncdb.engine.store;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The coordinator of writes that span several stores: the json store's write-ahead log. Its record
 * of such a write names the commit and the stores that {@link Store#marksCommits mark commits},
 * the first of which decides it: recovery replays the record only when that store has the marker.
 */
public interface CommitLog {
  /**
   * Logs a write spanning several stores, after every store prepared its part, and makes the
   * record durable (fsynced unless durability is {@code off}) before returning. {@code changes}
   * are the log store's own changes, possibly none.
   *
   * <p>{@link Prepared#commit} applies the changes once the write is decided (the decision store
   * committed, or there is none). {@link Prepared#rollback} is for a write whose decision failed
   * and whose outcome is therefore unknown: the record stays in the log for recovery to decide from
   * the marker, and the log is no longer trimmed until the project is reopened.
   *
   * @param waitsFor aliases of the stores whose markers recovery checks, the deciding one first
   */
  Prepared logCommit(List<ResourceChange> changes, String commitId, List<String> waitsFor) throws IOException;

  /**
   * Keeps the log as it is until the project is reopened (no checkpoint trims it), so that recovery
   * checks the markers of write {@code commitId} again and reports what it finds: for a write whose
   * outcome is unknown, or that some stores lack after it was decided. Later writes are refused.
   */
  void keepForRecovery(String commitId);

  /**
   * Commit ids of a store whose log records checkpoints have removed since the last call: their
   * markers are no longer needed. Each id is handed out once.
   */
  List<String> takeTrimmedCommits(String alias);

  /** {@link #takeTrimmedCommits(String)} for every store alias at once. */
  Map<String, List<String>> takeTrimmedCommits();
}
