/**
 * Table-backed resources: existing SQLite or PostgreSQL tables mapped to collections
 * ({@code stores.<alias>.tables}), typed from the database catalog, read when a use needs them in memory (SQL is pushed to the database) and
 * written with row-level INSERT, UPDATE and DELETE statements.
 */
package dev.asyncdb.stores.table;
