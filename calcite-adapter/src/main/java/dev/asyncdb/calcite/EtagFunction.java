package dev.asyncdb.calcite;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.json.Json;

/**
 * {@code ETAG(_record)}: the ETag the REST and Java APIs give a record (a quoted hex SHA-256 of its
 * canonical JSON), for optimistic writes in SQL — read it with the row, then
 * {@code UPDATE … WHERE id = ? AND ETAG(_record) = ?} changes nothing (count 0) when someone else
 * changed the record in between.
 */
public final class EtagFunction {
  /** The name SQL calls it by. */
  public static final String NAME = "ETAG";

  private EtagFunction() {}

  public static String etag(String recordJson) {
    return recordJson == null ? null : AsyncDb.recordEtag(Json.parse(recordJson));
  }
}
