/**
 * The REST routes of {@code async-db serve} (PRODUCT.md §17–§19, §22): collection, document and
 * compound-key routes with {@code select}, {@code expand}, {@code offset}, {@code limit}, ETags and
 * {@code If-Match}, the batch endpoint, root discovery and the error envelope. {@link
 * dev.asyncdb.server.rest.RestHandler} turns HTTP into {@link dev.asyncdb.server.rest.RestCall}s that
 * {@link dev.asyncdb.server.rest.ResourceRoutes} answers over a {@link dev.asyncdb.server.rest.DataAccess}:
 * the engine directly, or one {@link dev.asyncdb.engine.Transaction} for an atomic batch. In front,
 * {@link dev.asyncdb.server.rest.ProjectRouter} picks the project of a request (the only one, or
 * {@code /__db/projects/<name>/...}) and applies the user's grant.
 */
package dev.asyncdb.server.rest;
