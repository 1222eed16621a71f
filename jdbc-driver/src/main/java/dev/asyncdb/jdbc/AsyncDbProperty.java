package dev.asyncdb.jdbc;

import java.sql.DriverPropertyInfo;
import java.util.Locale;

/**
 * Every connection property, declared once: its name, default and description drive URL parsing,
 * {@code Driver.getPropertyInfo} and (later) DataSource setters. Unknown names are an error.
 */
public enum AsyncDbProperty {
  READ_ONLY("readOnly", "false", "Refuse every write on this connection."),
  CREATE("create", "false", "Create the project folder (with an empty db/) if it does not exist."),
  FORK("fork", null, "Open a named fork of the project instead of the project itself."),
  DURABILITY("durability", null, "Durability of json-store writes: full (fsync before acknowledging), normal (fsync within 50 ms), off (tests only), versioned. Default: the project's stores.json.durability, else full."),
  USER("user", null, "User name (remote connections)."),
  PASSWORD("password", null, "Password (remote connections)."),
  PROJECT("project", null, "Project to use on a multi-project server (remote connections)."),
  TRUSTSTORE("truststore", null, "Trust store (PKCS12 or JKS) holding the certificate of an https:// server the JVM does not already trust."),
  TRUSTSTORE_PASSWORD("truststorePassword", null, "Password of the trust store.");

  private final String key;
  private final String defaultValue;
  private final String description;

  AsyncDbProperty(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The property named {@code key} (case-insensitive), or null. */
  public static AsyncDbProperty of(String key) {
    for (AsyncDbProperty p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }

  DriverPropertyInfo info(String value) {
    DriverPropertyInfo info = new DriverPropertyInfo(key, value != null ? value : defaultValue);
    info.description = description;
    info.required = false;
    if (this == READ_ONLY || this == CREATE) {
      info.choices = new String[] {"true", "false"};
    } else if (this == DURABILITY) {
      info.choices = new String[] {"full", "normal", "off", "versioned"};
    }
    return info;
  }
}
