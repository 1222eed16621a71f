/**
 * Sync: turning scanned sources into resource definitions (mixed mode, inference, generated ids,
 * defaults, seed validation, relations) and writing the generated schema and source metadata.
 */
package dev.asyncdb.engine.sync;
