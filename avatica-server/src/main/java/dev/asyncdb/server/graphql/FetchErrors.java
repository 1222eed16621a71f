package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.rest.ErrorEnvelope;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failing field becomes a GraphQL error carrying the engine's code, hint and details in its
 * {@code extensions} (a validation failure of a mutation reads as it does over REST). Anything
 * that is not a {@link DbException} is a bug or an environment problem: logged with its stack
 * trace and reported as {@code GRAPHQL_HTTP_ERROR}, the original's fallback code.
 */
final class FetchErrors implements DataFetcherExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FetchErrors.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
    Throwable t = p.getException();
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    DbException e;
    if (t instanceof DbException d) {
      e = d;
    } else {
      LOG.error("GraphQL field {} failed", p.getPath(), t);
      e = ErrorEnvelope.unexpected("GRAPHQL_HTTP_ERROR", "resolving " + p.getPath(),
          t instanceof RuntimeException r ? r : new IllegalStateException(t));
    }
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(GraphqlErrorBuilder.newError()
        .message(e.getMessage()).path(p.getPath()).location(p.getSourceLocation()).extensions(GraphQlErrors.extensions(e)).build()).build());
  }
}
