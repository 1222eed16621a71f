package dev.asyncdb.engine.store.wal;

import java.util.List;

/**
 * One record of the log: the changes of one committed write, and for a write that spans several
 * stores its commit id and the stores whose commit markers decide it.
 *
 * @param entries the json store's record-level changes (none when the write changed only other stores)
 * @param commitId the id of a write spanning several stores, or null for a one-store write
 * @param waitsFor aliases of the stores that mark commits, the deciding one first; empty when the
 *     record itself decides the write
 */
public record WalRecord(List<WalEntry> entries, String commitId, List<String> waitsFor) {
  public WalRecord {
    waitsFor = List.copyOf(waitsFor);
  }

  /** The record of a one-store write. */
  public static WalRecord of(List<WalEntry> entries) {
    return new WalRecord(entries, null, List.of());
  }
}
