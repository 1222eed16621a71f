package dev.asyncdb.engine.store.wal;

/**
 * One record-level change in the log.
 *
 * @param resource the resource name
 * @param op {@code i}nsert, {@code u}pdate, {@code d}elete or {@code p}ut (a whole document)
 * @param key the record's key in string form (null for documents)
 * @param value the record or document after the change (null for deletes); when a record is
 *     written, a {@link dev.asyncdb.engine.table.RowRange} stands for one insert per row of the
 *     range (key null: each row's own key; seedHash on its first row), logged straight from the rows
 * @param seedHash the content hash of the seed the resource's state was built from, so changes
 *     logged against a seed that has since been edited are not replayed onto the new one
 */
public record WalEntry(String resource, char op, String key, Object value, String seedHash) {}
