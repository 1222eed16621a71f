/**
 * The {@code jdbc:asyncdb:} driver: URL and property parsing, one shared engine per project in a
 * JVM, and Calcite connections whose default schema holds the project's resources; remote
 * connections to an Async DB server through Avatica's remote driver.
 */
package dev.asyncdb.jdbc;
