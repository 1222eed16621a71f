/**
 * The REST routes of {@code async-db serve} (PRODUCT.md §17–§19, §22): collection, document and
 * compound-key routes with {@code select}, {@code expand}, {@code offset}, {@code limit}, ETags and
 * {@code If-Match}, the batch endpoint, root discovery and the error envelope. {@link
 * dev.asyncdb.server.rest.RestHandler} turns HTTP into {@link dev.asyncdb.server.rest.RestCall}s that
 * {@link dev.asyncdb.server.rest.ResourceRoutes} answers over a {@link dev.asyncdb.server.rest.DataAccess}:
 * the engine directly, or one {@link dev.asyncdb.engine.Transaction} for an atomic batch.
 */
package dev.asyncdb.server.rest;
