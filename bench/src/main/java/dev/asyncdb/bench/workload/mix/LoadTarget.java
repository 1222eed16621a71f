package dev.asyncdb.bench.workload.mix;

/**
 * What W11 runs the mix against: opened once (data loaded, an empty insert table made), then
 * asked for one client per thread for every run, and finally for the rows its inserts left.
 */
public interface LoadTarget extends AutoCloseable {

  /** The report column, e.g. {@code Async DB (remote)}. */
  String name();

  /** Makes the target ready: its data open and {@link LoadSql#INSERTS} created empty. */
  void open() throws Exception;

  /** A new client with a connection of its own. */
  LoadClient client() throws Exception;

  /** The rows in {@link LoadSql#INSERTS} now. */
  long insertedRows() throws Exception;

  @Override
  void close() throws Exception;
}
