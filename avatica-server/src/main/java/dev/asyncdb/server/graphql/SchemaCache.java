package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.AsyncDb;

/**
 * One {@link ServedSchema} for the engine being served. Live reload (and DDL) replace the engine
 * instance; the first GraphQL request that sees the new instance builds its schema once, every
 * other request reuses it — schema building costs a walk over the resource definitions, never
 * a read of the data.
 */
final class SchemaCache {
  private volatile ServedSchema current;

  ServedSchema forEngine(AsyncDb db) {
    ServedSchema s = current;
    if (s != null && s.isFor(db)) {
      return s;
    }
    synchronized (this) {
      s = current;
      if (s == null || !s.isFor(db)) {
        s = SchemaMapper.build(db);
        current = s;
      }
      return s;
    }
  }
}
