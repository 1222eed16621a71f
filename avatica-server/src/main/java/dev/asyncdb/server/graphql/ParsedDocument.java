package dev.asyncdb.server.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hands graphql-java the document {@link RequestRunner} has already parsed and validated (it
 * does both itself, to choose the operation and to name errors precisely), so nothing is parsed twice.
 */
final class ParsedDocument implements PreparsedDocumentProvider {
  static final String KEY = Document.class.getName();

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    Document document = input.getGraphQLContext().get(KEY);
    return CompletableFuture.completedFuture(document != null ? new PreparsedDocumentEntry(document) : parseAndValidate.apply(input));
  }
}
