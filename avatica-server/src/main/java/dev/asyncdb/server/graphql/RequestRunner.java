package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one request: parse, choose the operation ({@code operationName}, or the only one), refuse a
 * subscription and a read-only user's mutation, validate, execute. Any error makes the answer
 * {@code {data: null, errors: [first]}} — no partial data.
 */
final class RequestRunner {
  private RequestRunner() {}

  /**
   * @param readOnlyUser the authenticated user when they may only read, else null
   */
  static Map<String, Object> run(ServedSchema served, AsyncDb db, GraphQlRequest request, String readOnlyUser) {
    ExecutionInput input = ExecutionInput.newExecutionInput().query(request.query()).operationName(request.operationName())
        .variables(request.variables()).locale(Locale.ENGLISH).graphQLContext(Map.of(RootFetchers.ENGINE, db)).build();
    ParseAndValidateResult parsed = ParseAndValidate.parse(input);
    if (parsed.getSyntaxException() != null) {
      return GraphQlErrors.result(GraphQlErrors.syntax(parsed.getSyntaxException().toInvalidSyntaxError()));
    }
    Document document = Objects.requireNonNull(parsed.getDocument());
    OperationDefinition operation;
    try {
      operation = operation(document, request.operationName());
      if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
        throw new DbException("GRAPHQL_SUBSCRIPTION_UNSUPPORTED", 400, "Subscriptions are not supported" + name(operation) + ".",
            "Run a query instead, and follow changes with the server-sent events of GET /__db/events.", Map.of("operation", label(operation)));
      }
      if (operation.getOperation() == OperationDefinition.Operation.MUTATION && readOnlyUser != null) {
        throw new DbException("AUTH_READ_ONLY", 403, "User " + readOnlyUser + " may only read; the mutation" + name(operation) + " writes.",
            "Ask the server's operator for a user who may write (async-db passwd FILE NAME --grant write).",
            Map.of("user", readOnlyUser, "operation", label(operation)));
      }
    } catch (DbException e) {
      return GraphQlErrors.result(e);
    }
    List<ValidationError> invalid = ParseAndValidate.validate(served.schema(), document, Locale.ENGLISH);
    if (!invalid.isEmpty()) {
      return GraphQlErrors.result(invalid.get(0), document, operation, served.schema());
    }
    input.getGraphQLContext().put(ParsedDocument.KEY, document);
    ExecutionResult result = served.graphQL().execute(input);
    if (!result.getErrors().isEmpty()) {
      return GraphQlErrors.result(result.getErrors().get(0), document, operation, served.schema());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", result.getData());
    return out;
  }

  private static OperationDefinition operation(Document document, String name) {
    List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
    List<String> names = operations.stream().map(RequestRunner::label).toList();
    if (operations.isEmpty()) {
      throw new DbException("GRAPHQL_MISSING_QUERY", 400, "The document defines no operation (only fragments or types).",
          "Add an operation, such as { users { ...UserFields } }.", Map.of());
    }
    if (name != null) {
      for (OperationDefinition o : operations) {
        if (name.equals(o.getName())) {
          return o;
        }
      }
      throw new DbException("GRAPHQL_UNKNOWN_OPERATION", 400, "The document has no operation named \"" + name + "\".",
          "Use one of: " + String.join(", ", names) + ".", Map.of("operationName", name, "available", names));
    }
    if (operations.size() > 1) {
      throw new DbException("GRAPHQL_OPERATION_NAME_REQUIRED", 400, "The document has " + operations.size() + " operations and the request"
          + " names none.", "Add \"operationName\" to the request: one of " + String.join(", ", names) + ".", Map.of("available", names));
    }
    return operations.get(0);
  }

  private static String label(OperationDefinition o) {
    return o.getName() != null ? o.getName() : "(anonymous " + o.getOperation().name().toLowerCase(Locale.ROOT) + ")";
  }

  private static String name(OperationDefinition o) {
    return o.getName() != null ? " (" + o.getName() + ")" : "";
  }
}
