package dev.asyncdb.bench.verify;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The normalized rows of one query result, and whether their order is part of the answer
 * (the query had an {@code ORDER BY}).
 */
public record QueryResult(int columns, List<List<Object>> rows, boolean ordered) {

  public QueryResult {
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** Reads and normalizes every remaining row of {@code rs}. */
  public static QueryResult read(ResultSet rs, boolean ordered) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int columns = meta.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(readRow(rs, columns));
    }
    return new QueryResult(columns, rows, ordered);
  }

  /** Reads and normalizes the current row of {@code rs}. */
  public static List<Object> readRow(ResultSet rs, int columns) throws SQLException {
    Object[] row = new Object[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = ValueNormalizer.normalize(rs.getObject(i + 1));
    }
    return Arrays.asList(row);
  }

  /** A result built from already normalized rows. */
  public static QueryResult of(boolean ordered, List<List<Object>> rows) {
    int columns = rows.isEmpty() ? 0 : rows.get(0).size();
    return new QueryResult(columns, rows, ordered);
  }
}
