package dev.asyncdb.server;

/** What the viewer and REST packages may know of {@link Grants}: the read-only user of the current request. */
public final class GrantsAccess {
  private GrantsAccess() {}

  public static String readOnlyUser() {
    return Grants.readOnlyUser();
  }
}
