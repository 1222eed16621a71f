package dev.asyncdb.server;

import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty's view of {@link Users} for HTTP BASIC. Every Avatica call is one HTTP request carrying the
 * credentials, and a PBKDF2 check costs a good part of a second by design; so once a password has
 * been verified, a SHA-256 of it is remembered per user and later requests compare against that.
 * A wrong password always pays the full PBKDF2 cost, and so does an unknown user name (against a
 * dummy hash), so response times tell an attacker neither.
 */
final class PasswordLoginService extends AbstractLoginService {
  static final String ROLE = "async-db-user";
  private static final PasswordHash UNKNOWN_USER = PasswordHash.of("no user has this password");

  private final Users users;
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  PasswordLoginService(Users users) {
    this.users = users;
    setName("Async DB");
  }

  @Override
  protected UserPrincipal loadUserInfo(String name) {
    PasswordHash hash = users.hash(name);
    return new UserPrincipal(name, new PasswordCredential(name, hash == null ? UNKNOWN_USER : hash, hash != null));
  }

  @Override
  protected String[] loadRoleInfo(UserPrincipal user) {
    return new String[] {ROLE};
  }

  /** One user's stored hash, checked against what a request offers. */
  private final class PasswordCredential extends Credential {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final transient PasswordHash hash;
    private final boolean known;

    PasswordCredential(String name, PasswordHash hash, boolean known) {
      this.name = name;
      this.hash = hash;
      this.known = known;
    }

    @Override
    public boolean check(Object offered) {
      if (!(offered instanceof String password)) {
        return false;
      }
      byte[] digest = PasswordHash.sha256(password);
      byte[] remembered = verified.get(name);
      if (known && remembered != null && MessageDigest.isEqual(remembered, digest)) {
        return true;
      }
      boolean ok = hash.matches(password) && known;
      if (ok) {
        verified.put(name, digest);
      }
      return ok;
    }
  }
}
