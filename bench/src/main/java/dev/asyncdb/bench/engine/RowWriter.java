package dev.asyncdb.bench.engine;

import java.sql.SQLException;
import java.util.Map;

/** Inserts single records durably: {@link #insert} returns only once the engine acknowledged it. */
public interface RowWriter extends AutoCloseable {

  /** Inserts one record whose keys are the table's field names. */
  void insert(Map<String, Object> record) throws Exception;

  @Override
  void close() throws SQLException;
}
