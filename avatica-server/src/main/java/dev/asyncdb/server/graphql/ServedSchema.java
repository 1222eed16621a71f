package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.AsyncDb;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import java.lang.ref.WeakReference;

/**
 * The GraphQL schema of one engine instance: the executable schema, its engine (weakly — a
 * reloaded project's old engine must not stay in memory because of it) and the SDL text that
 * {@code GET /graphql} shows.
 */
record ServedSchema(WeakReference<AsyncDb> engine, GraphQLSchema schema, GraphQL graphQL, String sdl) {
  boolean isFor(AsyncDb db) {
    return engine.get() == db;
  }
}
