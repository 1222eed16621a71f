package dev.asyncdb.bench.workload;

import java.util.Map;

/**
 * The PostgreSQL server of the workloads that compare with it (W10, W11), found as the tests find
 * theirs: {@code ASYNCDB_TEST_POSTGRES_URL} (environment) or {@code asyncdb.test.postgres.url}
 * (system property), started by {@code scripts/postgres-test.sh}. Without one a workload runs
 * without its PostgreSQL figures and says so, except under {@code CI=true}, where CI must not pass
 * by leaving the peer out: there a missing server is {@link Required}, which fails the run.
 */
public final class PostgresPeer {
  public static final String ENV = "ASYNCDB_TEST_POSTGRES_URL";
  static final String PROPERTY = "asyncdb.test.postgres.url";
  /** How to provide one, for messages. */
  public static final String HOW = "start one with scripts/postgres-test.sh start && eval \"$(scripts/postgres-test.sh env)\"";
  /** The report cell of a PostgreSQL figure that could not be taken. */
  public static final String NOT_RUN = "NOT RUN: no PostgreSQL (" + ENV + " not set)";

  /** A workload needs PostgreSQL under {@code CI=true} and none is configured. */
  public static final class Required extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Required(String message) {
      super(message);
    }
  }

  private PostgresPeer() {}

  /** The JDBC URL of the server for {@code workload}, or null when none is configured outside CI. */
  public static String url(String workload) {
    return url(workload, System.getProperty(PROPERTY), System.getenv());
  }

  static String url(String workload, String property, Map<String, String> env) {
    String url = property != null ? property : env.get(ENV);
    if (url != null && !url.isBlank()) {
      return url;
    }
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      throw new Required(workload + " needs PostgreSQL under CI=true but " + ENV + " is not set; " + HOW
          + " (.ci/run does this before the smoke run).");
    }
    return null;
  }

  /** The line a run prints when it goes on without PostgreSQL. */
  public static String skipped(String workload, String what) {
    return "[" + workload + "] WARNING: " + what + " NOT RUN: " + ENV + " is not set; " + HOW + ".";
  }
}
