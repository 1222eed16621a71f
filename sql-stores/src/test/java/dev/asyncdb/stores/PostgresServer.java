package dev.asyncdb.stores;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server of the tests, named by {@code ASYNCDB_TEST_POSTGRES_URL} (environment) or
 * {@code asyncdb.test.postgres.url} (system property); {@code scripts/postgres-test.sh} starts one.
 * Without it, tests that need it are disabled with one line saying how to enable them — except
 * under CI ({@code CI=true}), where a missing server fails them: CI must never pass by skipping.
 */
public final class PostgresServer implements ExecutionCondition {
  static final String ENV = "ASYNCDB_TEST_POSTGRES_URL";
  static final String HOW = "PostgreSQL tests skipped: " + ENV + " is not set. Enable them with "
      + "scripts/postgres-test.sh start && eval \"$(scripts/postgres-test.sh env)\" (see TESTING.md).";
  private static final AtomicBoolean TOLD = new AtomicBoolean();
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  /** The JDBC URL, or null when no server is configured. */
  public static String url() {
    String url = System.getProperty("asyncdb.test.postgres.url", System.getenv(ENV));
    return url == null || url.isBlank() ? null : url;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (url() != null) {
      return ConditionEvaluationResult.enabled("PostgreSQL at " + url());
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + ENV + " is not set: PostgreSQL tests must run under CI. "
          + ".ci/run starts the server with scripts/postgres-test.sh.");
    }
    if (TOLD.compareAndSet(false, true)) {
      System.err.println(HOW);
    }
    return ConditionEvaluationResult.disabled(HOW);
  }

  /** A new empty schema, so each test sees its own tables on the shared server. */
  public static String freshSchema(String prefix) {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    exec("DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
    return name;
  }

  /** Runs statements on the test server. */
  public static void exec(String... sql) {
    execAt(url(), sql);
  }

  /** Runs statements on another database of the test server. */
  public static void execAt(String url, String... sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test PostgreSQL statement failed: " + e.getMessage(), e);
    }
  }
}
