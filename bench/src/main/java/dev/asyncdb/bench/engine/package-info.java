/**
 * The engines under test: Async DB and the peers a user would pick instead, each loaded with the
 * same rows from a generated dataset and reached through JDBC.
 */
package dev.asyncdb.bench.engine;
