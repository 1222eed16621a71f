/**
 * {@code async-db import} and {@code export}: bulk loading records from CSV or JSON files into a
 * resource through the engine (validated like any write), and writing a resource out again.
 */
package dev.asyncdb.cli.transfer;
