/**
 * Load snapshots: a compact binary copy of each large collection's columns as loaded from its
 * source file, kept under {@code .db/snapshots/} so that later opens skip parsing the file while it
 * is unchanged. A snapshot is only ever a cache of the source: it is used when the source's size,
 * modification time and recorded content hash match it, and ignored (then rebuilt) otherwise.
 */
package dev.asyncdb.engine.snapshot;
