package dev.asyncdb.engine.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link StoreProvider} gets to open one store.
 *
 * @param alias the name under {@code stores} (or the driver name when bound directly)
 * @param options the alias's object from {@code db.config.json}, empty when bound directly
 * @param projectRoot the project folder, against which relative file options resolve
 */
public record StoreContext(String alias, Map<String, Object> options, Path projectRoot) {
  /** The {@code db.config.json} path of an option, for error messages. */
  public String where(String option) {
    return "stores." + alias + "." + option;
  }
}
