/**
 * Backup bundles (every resource's state with content hashes, taken from one snapshot), restore
 * from a bundle or from a resource's version snapshots, with a dry run and an undo snapshot first.
 */
package dev.asyncdb.engine.backup;
