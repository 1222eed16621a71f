package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.DatasetTable;
import dev.asyncdb.bench.data.FieldSpec;
import dev.asyncdb.bench.data.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

/**
 * Creates a table with a primary key and fills it from the dataset's JSON file with batched
 * prepared inserts inside one transaction, the fastest plain-JDBC load a user would write.
 */
public final class JdbcTableLoader {

  private static final int BATCH = 5_000;

  private JdbcTableLoader() {}

  /** The {@code CREATE TABLE} statement for {@code spec} in {@code dialect}. */
  public static String createTable(TableSpec spec, Dialect dialect) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(spec.name()).append(" (");
    for (FieldSpec field : spec.fields()) {
      sql.append(field.name()).append(' ').append(dialect.sqlType(field.type())).append(", ");
    }
    return sql.append("PRIMARY KEY (").append(String.join(", ", spec.keyFields())).append("))")
        .toString();
  }

  /** The parameterized {@code INSERT} statement for every field of {@code spec}. */
  public static String insert(TableSpec spec) {
    return "INSERT INTO " + spec.name() + " (" + String.join(", ", spec.fieldNames())
        + ") VALUES (" + String.join(", ", Collections.nCopies(spec.fields().size(), "?")) + ")";
  }

  /** Creates and loads {@code table}; returns the number of rows inserted. */
  public static long load(Connection connection, Dialect dialect, DatasetTable table)
      throws Exception {
    TableSpec spec = table.spec();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(createTable(spec, dialect));
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    List<FieldSpec> fields = spec.fields();
    long[] pending = {0};
    long rows;
    try (PreparedStatement insert = connection.prepareStatement(insert(spec))) {
      rows = JsonRecordReader.read(table.file(), spec, values -> {
        for (int i = 0; i < values.length; i++) {
          insert.setObject(i + 1, dialect.bind(fields.get(i).type(), values[i]));
        }
        insert.addBatch();
        if (++pending[0] == BATCH) {
          insert.executeBatch();
          pending[0] = 0;
        }
      });
      if (pending[0] > 0) {
        insert.executeBatch();
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return rows;
  }
}
