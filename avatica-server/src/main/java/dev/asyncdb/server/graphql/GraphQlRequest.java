package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** One GraphQL request: {@code {query, variables?, operationName?}}, or just the query text. */
record GraphQlRequest(String query, Map<String, Object> variables, String operationName) {
  /** The request an item of the body stands for; a malformed one is a GraphQL error of that item, not of the whole body. */
  @SuppressWarnings("unchecked")
  static GraphQlRequest of(Object item) {
    if (item instanceof String query) {
      return new GraphQlRequest(requireQuery(query), new LinkedHashMap<>(), null);
    }
    if (!(item instanceof Map<?, ?> m)) {
      throw new DbException("GRAPHQL_INVALID_REQUEST", 400, "A GraphQL request is {\"query\": ..., \"variables\"?: {...}, \"operationName\"?: ...}"
          + " or a query string, got " + Json.typeName(item) + ".", "POST {\"query\": \"{ users { id } }\"}.", Map.of("received", Json.typeName(item)));
    }
    Object query = m.get("query");
    if (query != null && !(query instanceof String)) {
      throw invalid("query", "a string", query);
    }
    Object variables = m.get("variables");
    if (variables != null && !(variables instanceof Map)) {
      throw invalid("variables", "an object of variable values", variables);
    }
    Object operationName = m.get("operationName");
    if (operationName != null && !(operationName instanceof String)) {
      throw invalid("operationName", "the name of an operation in the query", operationName);
    }
    return new GraphQlRequest(requireQuery((String) query), variables == null ? new LinkedHashMap<>() : (Map<String, Object>) variables,
        (String) operationName);
  }

  private static String requireQuery(String query) {
    if (query == null || query.isBlank()) {
      throw new DbException("GRAPHQL_MISSING_QUERY", 400, "The request has no query.", "POST {\"query\": \"{ users { id } }\"}, or the query"
          + " text itself.", Map.of());
    }
    return query;
  }

  private static DbException invalid(String key, String expected, Object got) {
    return new DbException("GRAPHQL_INVALID_REQUEST", 400, "\"" + key + "\" of the request must be " + expected + ", got " + Json.typeName(got) + ".",
        "POST {\"query\": \"query ($id: ID!) { user(id: $id) { name } }\", \"variables\": {\"id\": \"u_1\"}}.",
        Map.of("key", key, "received", Json.typeName(got)));
  }
}
