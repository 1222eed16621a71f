/**
 * The json store's write-ahead log: length-framed, CRC32C-checksummed records in numbered segment
 * files under {@code .db/wal/}, group commit, and recovery that stops at the first torn or corrupt
 * record.
 */
package dev.asyncdb.engine.store.wal;
