package dev.asyncdb.engine.store;

/**
 * A store driver that lives outside the engine (SQLite, PostgreSQL), found through
 * {@link java.util.ServiceLoader} so the engine itself needs no JDBC driver on its class path.
 * One store is opened per configured alias: two aliases of the same driver may point at
 * different files or servers.
 */
public interface StoreProvider {
  /** The {@code driver} value this provider answers, e.g. {@code sqlite}. */
  String driver();

  /** Opens the store of one alias; throws {@link dev.asyncdb.engine.DbException} on bad options. */
  Store open(StoreContext context);
}
