/**
 * Table-backed resources: existing SQLite or PostgreSQL tables mapped to collections
 * ({@code stores.<alias>.tables}), typed from the database catalog, read row by row at open and
 * written with row-level INSERT, UPDATE and DELETE statements.
 */
package dev.asyncdb.stores.table;
