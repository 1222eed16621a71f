/** {@code async-db backup} and {@code async-db restore}. */
package dev.asyncdb.cli.backup;
