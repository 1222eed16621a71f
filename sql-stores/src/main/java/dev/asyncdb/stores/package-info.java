/**
 * The {@code sqlite} and {@code postgres} store drivers: options read from {@code db.config.json},
 * JDBC connections opened with errors that say where and what to do.
 */
package dev.asyncdb.stores;
