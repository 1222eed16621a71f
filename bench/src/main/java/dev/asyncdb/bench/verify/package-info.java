/**
 * Result checking: every engine's query results are normalized and compared with SQLite's, so
 * the harness measures only engines that give the right answer and says so when one does not.
 */
package dev.asyncdb.bench.verify;
