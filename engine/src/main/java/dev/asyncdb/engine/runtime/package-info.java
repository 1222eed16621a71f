/**
 * The running database: committed snapshots readers see without locks, the single write path that
 * validates, applies and persists changes, and query evaluation over columnar versions.
 */
package dev.asyncdb.engine.runtime;
