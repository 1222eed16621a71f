/**
 * SQL pushdown: collections that are mapped tables of a SQLite or PostgreSQL database are read
 * through Calcite's JDBC convention, so filters, projections, sorts, limits, aggregates and joins
 * between tables of one database run inside that database. Writes keep going through the engine.
 */
package dev.asyncdb.calcite.pushdown;
