package dev.asyncdb.bench;

import dev.asyncdb.bench.workload.PostgresPeer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when the PostgreSQL of the tests is configured ({@link PostgresPeer}, as
 * {@code sql-stores}' PostgreSQL tests find theirs); under {@code CI=true} a missing server fails
 * the test instead of skipping it.
 */
public final class PostgresAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String url = PostgresPeer.url("the bench module's PostgreSQL tests");
    return url != null ? ConditionEvaluationResult.enabled("PostgreSQL at " + url)
        : ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + PostgresPeer.ENV + " is not set; " + PostgresPeer.HOW);
  }
}
