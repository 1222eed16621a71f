/** The {@code async-db} command line: picocli commands over the engine's Java API. */
package dev.asyncdb.cli;
