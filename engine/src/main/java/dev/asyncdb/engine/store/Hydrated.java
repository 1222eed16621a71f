package dev.asyncdb.engine.store;

import dev.asyncdb.engine.table.TableVersion;
import java.util.Map;

/**
 * Starting runtime state of a resource: rows for a collection or the object of a document, and
 * whether it came from persisted state (runtime edits kept) or from the seed.
 */
public record Hydrated(TableVersion rows, Map<String, Object> document, boolean fromState) {}
