package dev.asyncdb.server;

import dev.asyncdb.jdbc.AsyncDbProperty;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allow-list of connection properties a remote client may send. Avatica hands a client's
 * properties to the server-side connection, where Calcite would honour {@code model},
 * {@code schemaFactory}, {@code fun}, {@code typeSystem}, {@code parserFactory} and friends — each
 * of which loads classes or reads files on the server. Only Async DB's own properties pass;
 * anything else is refused (SQLState {@code 28000}) before a connection is opened.
 */
public final class ConnectionPropertyPolicy {
  /** Properties that would execute or read something on the server, named in the refusal. */
  private static final Set<String> DANGEROUS = Set.of("model", "schemafactory", "schema", "schematype", "fun", "typesystem",
      "parserfactory", "spark");

  /**
   * Properties a remote client may not set even though the driver knows them: settings the server
   * decides, and the client-side TLS settings, which the remote driver never sends.
   */
  private static final Set<String> SERVER_DECIDES = Set.of("create", "durability", "fork", "truststore", "truststorepassword");

  private ConnectionPropertyPolicy() {}

  /** Checks a client's properties; throws naming every refused one. */
  public static void check(Map<String, String> clientProperties) throws SQLException {
    Set<String> refused = new TreeSet<>();
    Set<String> loadsCode = new TreeSet<>();
    for (String name : clientProperties.keySet()) {
      String key = name.toLowerCase(Locale.ROOT);
      AsyncDbProperty known = AsyncDbProperty.of(name);
      if (known == null || SERVER_DECIDES.contains(key)) {
        refused.add(name);
        if (DANGEROUS.contains(key) || key.startsWith("schema.") || key.startsWith("jdbc.")) {
          loadsCode.add(name);
        }
      }
    }
    if (!refused.isEmpty()) {
      List<String> allowed = allowed();
      throw new SQLException("The server refuses connection properties " + String.join(", ", refused)
          + (loadsCode.isEmpty() ? "" : " (" + String.join(", ", loadsCode) + " would load classes or files on the server)")
          + ". A remote client may send only: " + String.join(", ", allowed) + ".", "28000");
    }
  }

  /** The property names a remote client may send. */
  public static List<String> allowed() {
    return java.util.Arrays.stream(AsyncDbProperty.values()).map(AsyncDbProperty::key)
        .filter(k -> !SERVER_DECIDES.contains(k.toLowerCase(Locale.ROOT))).toList();
  }
}
