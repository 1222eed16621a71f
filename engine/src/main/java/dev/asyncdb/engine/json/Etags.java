package dev.asyncdb.engine.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags: the quoted hex SHA-256 of a value's canonical (key-sorted) JSON. */
public final class Etags {
  private Etags() {}

  public static String of(Object value) {
    return '"' + sha256Hex(Json.canonical(value).getBytes(StandardCharsets.UTF_8)) + '"';
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
