/**
 * GraphQL at {@code /graphql} on the REST port (PRODUCT.md §20), on graphql-java. {@link
 * dev.asyncdb.server.graphql.GraphQlHandler} reads requests with the REST body reader and answers
 * HTTP failures with the REST error envelope; {@code SchemaMapper} derives the schema from the
 * engine's resource definitions (rebuilt once per engine instance, so it follows live reload);
 * {@code RequestRunner} parses, validates and executes, every write going through the engine.
 */
package dev.asyncdb.server.graphql;
