package dev.asyncdb.server.devtools;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.config.DbConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of the configuration serving now: read again only when the engine's configuration
 * object changes (live reload opens a new engine), so a request pays one reference comparison.
 * A wrong value is kept as its error and thrown to each request that needs the settings.
 */
final class SettingsCache {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsCache.class);

  private record Entry(DbConfig config, DevSettings settings, DbException error) {}

  private volatile Entry entry;

  DevSettings get(DbConfig config) {
    Entry e = entry;
    if (e == null || e.config() != config) {
      e = read(config);
    }
    if (e.error() != null) {
      throw e.error();
    }
    return e.settings();
  }

  /** Reads once per configuration even when requests race, so a seeded sequence starts once. */
  private synchronized Entry read(DbConfig config) {
    Entry e = entry;
    if (e != null && e.config() == config) {
      return e;
    }
    try {
      e = new Entry(config, DevSettings.of(config), null);
    } catch (DbException invalid) {
      // Said once per configuration; mocked routes answer it until the file is fixed.
      LOG.warn("{} {}", invalid.getMessage(), invalid.hint());
      e = new Entry(config, null, invalid);
    }
    entry = e;
    return e;
  }
}
