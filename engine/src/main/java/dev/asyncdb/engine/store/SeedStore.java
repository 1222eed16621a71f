package dev.asyncdb.engine.store;

import dev.asyncdb.engine.json.Json;
import dev.asyncdb.engine.sync.ResourceDefinition;
import java.util.List;
import java.util.Map;

/**
 * Stores whose runtime state starts from the seed on every open and is never persisted:
 * {@code memory} (writable, lost on exit) and {@code static} (read-only).
 */
public final class SeedStore implements Store {
  private final String driver;
  private final boolean writable;

  private SeedStore(String driver, boolean writable) {
    this.driver = driver;
    this.writable = writable;
  }

  public static SeedStore memory() {
    return new SeedStore("memory", true);
  }

  public static SeedStore readOnly() {
    return new SeedStore("static", false);
  }

  @Override
  public String driver() {
    return driver;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  /** Nothing outlives the process, so a write touching these needs no coordination with other stores. */
  @Override
  public boolean persists() {
    return false;
  }

  @Override
  public Hydrated hydrate(ResourceDefinition resource, boolean mayWrite) {
    Map<String, Object> doc = resource.seedDocument() == null ? null : Json.deepCopy(resource.seedDocument());
    return new Hydrated(resource.seedRows(), doc, false);
  }

  @Override
  public Durable commit(List<ResourceChange> changes) {
    // Nothing to persist: memory state lives in the runtime versions themselves.
    return Durable.DONE;
  }

  @Override
  public void close() {
    // No resources held.
  }
}
