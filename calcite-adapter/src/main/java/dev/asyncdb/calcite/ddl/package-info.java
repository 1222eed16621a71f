/**
 * SQL DDL over project files: {@code CREATE/DROP TABLE}, {@code ALTER TABLE ADD/DROP/RENAME COLUMN},
 * {@code CREATE/DROP INDEX} and {@code CREATE/DROP VIEW}. Calcite's core parser has no DDL (and the
 * calcite-server grammar rejects inline {@code PRIMARY KEY} and {@code CREATE INDEX}), so
 * {@link dev.asyncdb.calcite.ddl.DdlParser} recognises these statements in front of it, leaving
 * expressions, literals and view queries to Calcite's parser; {@link dev.asyncdb.calcite.ddl.DdlExecutor}
 * turns them into schema files ({@code db/<table>.schema.json}), declared indexes and saved views.
 */
package dev.asyncdb.calcite.ddl;
