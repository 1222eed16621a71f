package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the root fields do, each straight on the engine the request is served by (put into the
 * execution's context by {@link RequestRunner}): reads see committed state, every mutation is one
 * validated, durable engine write — the same calls the REST routes make — so validation failures
 * surface with the engine's code, hint and details.
 */
final class RootFetchers {
  /** The context key of the engine serving the execution. */
  static final String ENGINE = AsyncDb.class.getName();

  private RootFetchers() {}

  private static AsyncDb db(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(ENGINE);
  }

  static DataFetcher<Object> list(String resource) {
    return env -> db(env).collection(resource).all();
  }

  static DataFetcher<Object> single(String resource, String keyArgument) {
    return env -> db(env).collection(resource).get(key(env, keyArgument));
  }

  static DataFetcher<Object> document(String resource) {
    return env -> db(env).document(resource).get();
  }

  static DataFetcher<Object> create(String resource) {
    return env -> db(env).collection(resource).create(object(env, "input"));
  }

  /** The merged record, or null when no record has the key (as the REST PATCH's 404, without failing the operation). */
  static DataFetcher<Object> update(String resource, String keyArgument) {
    return env -> db(env).collection(resource).patch(key(env, keyArgument), object(env, "patch"));
  }

  static DataFetcher<Object> delete(String resource, String keyArgument) {
    return env -> db(env).collection(resource).delete(key(env, keyArgument));
  }

  static DataFetcher<Object> updateDocument(String resource) {
    return env -> db(env).document(resource).update(object(env, "patch"));
  }

  /** Sets the value at a path ({@code /a/b} JSON Pointer or a top-level name) and returns the whole document. */
  static DataFetcher<Object> setDocument(String resource) {
    return env -> {
      db(env).document(resource).set(env.<String>getArgument("path"), env.getArgument("value"));
      return db(env).document(resource).get();
    };
  }

  /**
   * The record key: an id (compared by string form, as everywhere) or, for a compound identity,
   * the key object — integral numbers as {@code Long}, as the engine reads them from files.
   */
  private static Object key(DataFetchingEnvironment env, String argument) {
    Object key = env.getArgument(argument);
    if (key instanceof Map<?, ?> m) {
      Map<String, Object> typed = new LinkedHashMap<>();
      m.forEach((k, v) -> typed.put(String.valueOf(k), v instanceof Integer i ? Long.valueOf(i) : v));
      return typed;
    }
    return key;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(DataFetchingEnvironment env, String argument) {
    Object value = env.getArgument(argument);
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    String field = env.getField().getName();
    throw new DbException("GRAPHQL_INVALID_ARGUMENT_TYPE", 400, "Argument \"" + argument + "\" of " + field + " must be a JSON object, got "
        + Json.typeName(value) + ".", "Pass an object, such as " + field + "(" + argument + ": {name: \"Ada\"}), or a variable holding one.",
        Map.of("field", field, "argument", argument, "received", Json.typeName(value)));
  }
}
