package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.FieldSpec;
import dev.asyncdb.bench.data.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes each record as its own auto-committed prepared {@code INSERT} on a connection of its
 * own, so every insert is one transaction the engine must make durable before returning.
 */
public final class JdbcRowWriter implements RowWriter {

  private final Connection connection;
  private final PreparedStatement insert;
  private final List<FieldSpec> fields;
  private final Dialect dialect;

  public JdbcRowWriter(Connection connection, TableSpec spec, Dialect dialect)
      throws SQLException {
    this.connection = connection;
    this.fields = spec.fields();
    this.dialect = dialect;
    connection.setAutoCommit(true);
    this.insert = connection.prepareStatement(JdbcTableLoader.insert(spec));
  }

  @Override
  public void insert(Map<String, Object> record) throws Exception {
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec field = fields.get(i);
      insert.setObject(i + 1, dialect.bind(field.type(), record.get(field.name())));
    }
    insert.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    try (connection) {
      insert.close();
    }
  }
}
