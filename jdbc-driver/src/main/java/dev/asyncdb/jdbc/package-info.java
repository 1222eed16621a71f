/**
 * The {@code jdbc:asyncdb:} driver: URL and property parsing, one shared engine per project in a
 * JVM, and Calcite connections whose default schema holds the project's resources.
 */
package dev.asyncdb.jdbc;
