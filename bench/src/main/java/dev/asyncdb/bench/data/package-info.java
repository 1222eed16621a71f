/**
 * Deterministic dataset generators that write the app and TPC-H datasets as Async DB projects
 * (JSON collections plus schema files) and describe them for the loaders.
 */
package dev.asyncdb.bench.data;
