package dev.asyncdb.bench.workload.mix;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A client over JDBC — {@code jdbc:asyncdb:}, {@code jdbc:asyncdb:remote:} or pgjdbc — with one
 * connection and the three statements of {@link LoadSql} prepared once. Timestamps are bound and
 * read in the JVM's zone, which the harness sets to UTC, the zone of the dataset.
 */
public final class JdbcLoadClient implements LoadClient {
  private final Connection connection;
  private final PreparedStatement lookup;
  private final PreparedStatement range;
  private final PreparedStatement insert;

  /** Prepares the statements on {@code connection}, which the client then owns. */
  public JdbcLoadClient(Connection connection) throws SQLException {
    this.connection = connection;
    try {
      this.lookup = connection.prepareStatement(LoadSql.LOOKUP);
      this.range = connection.prepareStatement(LoadSql.RANGE);
      this.insert = connection.prepareStatement(LoadSql.INSERT);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public String lookup(String id) throws Exception {
    lookup.setString(1, id);
    try (ResultSet rs = lookup.executeQuery()) {
      if (!rs.next()) {
        throw new WrongAnswer("no row for post " + id);
      }
      String found = rs.getString(1);
      String title = rs.getString(3);
      if (!id.equals(found) || title == null) {
        throw new WrongAnswer("lookup of post " + id + " returned id " + found + ", title " + title);
      }
      if (rs.next()) {
        throw new WrongAnswer("lookup of post " + id + " returned more than one row");
      }
      return title;
    }
  }

  @Override
  public List<String> range(Window window) throws Exception {
    range.setTimestamp(1, Timestamp.valueOf(window.from()));
    range.setTimestamp(2, Timestamp.valueOf(window.to()));
    List<String> ids = new ArrayList<>();
    List<LocalDateTime> createdAt = new ArrayList<>();
    try (ResultSet rs = range.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        Timestamp at = rs.getTimestamp(3);
        createdAt.add(at == null ? null : at.toLocalDateTime());
      }
    }
    return window.check(ids, createdAt);
  }

  @Override
  public void insert(long n, String postId) throws Exception {
    insert.setString(1, LoadSql.insertId(n));
    insert.setString(2, postId);
    insert.setString(3, LoadSql.insertNote(n));
    insert.setTimestamp(4, Timestamp.valueOf(LoadSql.insertCreatedAt(n)));
    int count = insert.executeUpdate();
    if (count != 1) {
      throw new WrongAnswer("insert of " + LoadSql.insertId(n) + " reported " + count + " rows");
    }
  }

  @Override
  public void close() throws SQLException {
    try (connection; lookup; range; insert) {
      // closes the statements, then the connection
    }
  }
}
