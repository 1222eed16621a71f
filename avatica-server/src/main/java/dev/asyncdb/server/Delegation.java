package dev.asyncdb.server;

import java.lang.reflect.Method;

/**
 * The reflective call of the server's delegating proxies ({@link WireErrors}, {@link ConnectionGuard},
 * {@link ServerConnection}). {@code Method.invoke} walks the stack for its caller on every call
 * unless the method was made accessible; a proxy passes the same few {@code Method} objects each
 * time, so each is made accessible once (they are public methods of public interfaces).
 */
final class Delegation {
  private Delegation() {}

  /** {@code m}, accessible; left as it is if the module system refuses (then each call checks, as before). */
  @SuppressWarnings("deprecation") // isAccessible() reads the flag setAccessible sets; canAccess would check again
  static Method open(Method m) {
    if (!m.isAccessible()) {
      try {
        m.setAccessible(true);
      } catch (RuntimeException refused) {
        // InaccessibleObjectException or SecurityException: invoke checks access itself.
      }
    }
    return m;
  }
}
