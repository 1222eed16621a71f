/**
 * SQL writes: {@code INSERT}, {@code UPDATE}, {@code DELETE} and {@code MERGE} on resource tables
 * planned as {@link dev.asyncdb.calcite.modify.ResourceTableModify} (Calcite's own write path for
 * custom tables is broken) and executed as keyed changes in the connection's engine transaction
 * ({@link dev.asyncdb.calcite.modify.SqlSession}), so every row passes the engine's write rules and
 * a statement applies all its rows or none.
 */
package dev.asyncdb.calcite.modify;
