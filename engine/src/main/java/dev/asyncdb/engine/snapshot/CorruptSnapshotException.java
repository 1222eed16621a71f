package dev.asyncdb.engine.snapshot;

import java.io.IOException;

/** A snapshot whose bytes do not decode: truncated, damaged, or written by another format. */
public final class CorruptSnapshotException extends IOException {
  public CorruptSnapshotException(String message) {
    super(message);
  }
}
