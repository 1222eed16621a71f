package dev.asyncdb.bench.workload.mix;

import java.util.List;

/**
 * One client of a target, used by one thread only: its own connection (or HTTP client) and its
 * statements, reused for every operation. Each operation checks its answer and throws
 * {@link WrongAnswer} when it is not the right one.
 */
public interface LoadClient extends AutoCloseable {

  /** Reads post {@code id}; returns its title. */
  String lookup(String id) throws Exception;

  /** The ids of the posts a range query returns for {@code window}, in its order. */
  List<String> range(Window window) throws Exception;

  /** Inserts row {@code n} (see {@link LoadSql}) pointing at post {@code postId}. */
  void insert(long n, String postId) throws Exception;

  @Override
  void close() throws Exception;
}
