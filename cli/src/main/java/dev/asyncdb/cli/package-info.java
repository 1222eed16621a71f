/**
 * The {@code async-db} command line: picocli commands over the engine's Java API and the
 * {@code jdbc:asyncdb:} driver. This package holds the entry point, the global options, error
 * reporting and the project-level commands (init, sync, create); larger commands have their own
 * packages (schema, doctor, sql, types, transfer).
 */
package dev.asyncdb.cli;
