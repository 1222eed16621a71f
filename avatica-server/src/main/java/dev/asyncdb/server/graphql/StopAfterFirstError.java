package dev.asyncdb.server.graphql;

import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * The first error aborts the operation, as in the original: once an error is recorded no further
 * root field runs — above all no further mutation, which graphql-java would otherwise still
 * execute after a failed one. Property reads (trivial fetchers) are left alone; the answer drops
 * all data anyway ({@link RequestRunner}).
 */
final class StopAfterFirstError implements Instrumentation {
  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
    if (parameters.isTrivialDataFetcher()) {
      return fetcher;
    }
    ExecutionContext execution = parameters.getExecutionContext();
    return env -> execution.getErrors().isEmpty() ? fetcher.get(env) : null;
  }
}
