package dev.asyncdb.engine.store.wal;

import dev.asyncdb.engine.DbException;
import java.util.Locale;
import java.util.Map;

/**
 * When a write to the json store is acknowledged ({@code stores.json.durability}).
 *
 * <ul>
 *   <li>{@code full} (default): after the log is fsynced; concurrent writers share one fsync.
 *   <li>{@code normal}: once the log record reached the operating system (a process crash loses
 *       nothing); fsync follows within {@link #NORMAL_SYNC_MILLIS} ms, so a power loss can lose that
 *       much.
 *   <li>{@code off}: never fsynced; for tests and benchmarks only.
 *   <li>{@code versioned}: as {@code full}, and each checkpoint also keeps a version snapshot per
 *       changed resource for {@code restore --version}.
 * </ul>
 */
public enum Durability {
  FULL, NORMAL, OFF, VERSIONED;

  /** The bounded delay of {@code normal} durability. */
  public static final long NORMAL_SYNC_MILLIS = 50;

  public boolean syncsBeforeAck() {
    return this == FULL || this == VERSIONED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a config or connection value; null means the default ({@code full}). */
  public static Durability parse(Object value, String where) {
    if (value == null) {
      return FULL;
    }
    for (Durability d : values()) {
      if (d.label().equals(String.valueOf(value).trim().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new DbException("CONFIG_INVALID", 400, where + " is \"" + value + "\", which is not a durability mode.",
        "Use one of: full (default, fsync before acknowledging), normal (fsync within " + NORMAL_SYNC_MILLIS
            + " ms), off (tests only), versioned (full plus version snapshots).",
        Map.of("setting", where, "received", String.valueOf(value)));
  }
}
