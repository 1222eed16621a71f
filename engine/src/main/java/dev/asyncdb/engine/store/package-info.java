/**
 * Runtime stores: where a resource's writable state lives (json state files, memory, read-only
 * static, the source file itself) and how it is hydrated from the seed and made durable.
 */
package dev.asyncdb.engine.store;
