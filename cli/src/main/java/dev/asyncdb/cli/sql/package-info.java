/**
 * {@code async-db sql}: SQL over the project through the {@code jdbc:asyncdb:} driver, from
 * {@code -e}, a file, a pipe, or an interactive JLine shell with history and meta-commands.
 */
package dev.asyncdb.cli.sql;
