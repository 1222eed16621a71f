/**
 * How the SQL stores take part in a write that spans several stores: the write's statements run in
 * a transaction left open ({@link dev.asyncdb.stores.commit.OpenTransaction}) together with a commit
 * marker row ({@link dev.asyncdb.stores.commit.CommitMarkers}), so that recovery can tell from the
 * database whether the write committed there.
 */
package dev.asyncdb.stores.commit;
