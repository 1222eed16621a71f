/**
 * Envelope stores: each resource is one row holding its whole JSON value, in the original Async
 * DB's tables ({@code _db_resources} in SQLite, {@code _async_db_resources} in PostgreSQL), with
 * record-level changes logged beside it and folded into the row at checkpoints.
 */
package dev.asyncdb.stores.envelope;
