/**
 * Columnar, multi-version storage of collection records: append-only typed column vectors,
 * immutable table versions that readers scan without locks, and the hash index on record keys.
 */
package dev.asyncdb.engine.table;
