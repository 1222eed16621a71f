/**
 * Moving a resource between stores while the database is open: copy its state, verify the copy by
 * count and checksum, then switch its binding (in the running database and in db.config.json).
 */
package dev.asyncdb.engine.migrate;
