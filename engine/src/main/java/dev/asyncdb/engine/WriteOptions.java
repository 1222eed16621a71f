package dev.asyncdb.engine;

/**
 * Options of a single write. {@code ifMatch} makes the write conditional on the stored value's
 * current ETag ({@code *} means "must exist"); a mismatch fails with {@code DB_PRECONDITION_FAILED}.
 */
public record WriteOptions(String ifMatch) {
  public static final WriteOptions NONE = new WriteOptions(null);

  public static WriteOptions ifMatch(String etag) {
    return new WriteOptions(etag);
  }
}
