package dev.asyncdb.engine;

import java.util.Locale;

/** A resource is a collection of records or a singleton document. */
public enum ResourceKind {
  COLLECTION, DOCUMENT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
