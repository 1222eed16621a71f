package dev.asyncdb.engine.runtime;

import dev.asyncdb.engine.store.ResourceChange;
import java.util.List;

/**
 * One write as readers now see it, told to {@link Database#addCommitListener commit listeners}:
 * the snapshot version it published and, per resource it touched, the record-level changes
 * (operation, record key, new value or null for deletes).
 */
public record CommittedWrite(long version, List<ResourceChange> changes) {}
