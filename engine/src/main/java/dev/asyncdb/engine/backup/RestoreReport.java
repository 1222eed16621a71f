package dev.asyncdb.engine.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What a restore changed (or, for a dry run, would change).
 *
 * @param dryRun whether nothing was written
 * @param resources per resource: counts of records added, changed, removed and unchanged
 * @param skipped resources of the bundle that are not in the project (with the reason)
 * @param undo the bundle holding the contents from before the restore (null for dry runs)
 */
public record RestoreReport(boolean dryRun, List<ResourceDiff> resources, List<String> skipped, Path undo) {
  /** One resource's difference between the current contents and the restored ones. */
  public record ResourceDiff(String name, String kind, int added, int changed, int removed, int unchanged) {
    public boolean changesAnything() {
      return added + changed + removed > 0;
    }
  }
}
