package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.engine.Dialect;
import java.time.LocalDateTime;

/**
 * The statements of W11, the same text on every SQL target (tables are unqualified: the
 * PostgreSQL connection's {@code currentSchema} names its schema), and the rows inserts write.
 * Inserts go to a table of their own so that the rows the lookups and range queries read stay the
 * same on every target for the whole run.
 */
public final class LoadSql {
  /** Rows a range query returns at most. */
  public static final int RANGE_LIMIT = 20;
  /** The table the inserts go to. */
  public static final String INSERTS = "w11_inserts";

  public static final String LOOKUP = "SELECT id, userId, title, status, views, createdAt FROM posts WHERE id = ?";
  public static final String RANGE = "SELECT id, title, createdAt FROM posts WHERE createdAt BETWEEN ? AND ?"
      + " ORDER BY createdAt, id LIMIT " + RANGE_LIMIT;
  public static final String DROP_INSERTS = "DROP TABLE IF EXISTS " + INSERTS;
  public static final String CREATE_INSERTS = "CREATE TABLE " + INSERTS + " (id VARCHAR(40) PRIMARY KEY,"
      + " post_id VARCHAR(40) NOT NULL, note VARCHAR(200) NOT NULL, created_at TIMESTAMP NOT NULL)";
  public static final String INSERT = "INSERT INTO " + INSERTS + " (id, post_id, note, created_at) VALUES (?, ?, ?, ?)";
  public static final String COUNT_INSERTS = "SELECT COUNT(*) FROM " + INSERTS;

  private static final LocalDateTime INSERTED_FROM = LocalDateTime.of(2026, 1, 1, 0, 0);

  private LoadSql() {}

  /** {@link #RANGE} with the window written as literals, for routes that take SQL text only. */
  public static String rangeLiteral(Window window) {
    return RANGE.replaceFirst("\\?", Dialect.ANSI.timestamp(window.from())).replaceFirst("\\?", Dialect.ANSI.timestamp(window.to()));
  }

  /** The id of inserted row {@code n}. */
  public static String insertId(long n) {
    return "i_" + n;
  }

  /** The note of inserted row {@code n}. */
  public static String insertNote(long n) {
    return "load test row " + n;
  }

  /** The {@code created_at} of inserted row {@code n}: one second apart, after the posts' range. */
  public static LocalDateTime insertCreatedAt(long n) {
    return INSERTED_FROM.plusSeconds(n);
  }
}
