package dev.asyncdb.bench.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The child-process side of W12, run on the driver's class path only (the shaded jar): in a fresh
 * JVM, {@code DriverManager.getConnection("jdbc:asyncdb:<project>")}, a first query, then a
 * prepared point lookup; prints one line {@code BENCH_FIRST_QUERY {json}} with the times and the
 * answers. It uses nothing but {@code java.sql}, so no class of the harness or of its libraries
 * is loaded beside the driver's.
 */
public final class FirstQueryProbe {

  /** The prefix of the one line the parent reads. */
  public static final String PREFIX = "BENCH_FIRST_QUERY ";

  private FirstQueryProbe() {}

  /** Arguments: project folder, the first query (one number), the lookup (one ? and one text column), the id to look up. */
  public static void main(String[] args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    String line;
    try {
      long start = System.nanoTime();
      try (Connection connection = DriverManager.getConnection("jdbc:asyncdb:" + args[0])) {
        long connected = System.nanoTime();
        long count;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(args[1])) {
          if (!rs.next()) {
            throw new SQLException("the first query returned no row: " + args[1]);
          }
          count = rs.getLong(1);
        }
        long first = System.nanoTime();
        // CPU time of every thread of the process (JIT and GC included) up to the first result:
        // on a shared machine it shows the work done when the wall time shows the contention.
        double cpuSeconds = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
        String found;
        try (PreparedStatement lookup = connection.prepareStatement(args[2])) {
          lookup.setString(1, args[3]);
          try (ResultSet rs = lookup.executeQuery()) {
            found = rs.next() ? rs.getString(1) : null;
          }
        }
        long looked = System.nanoTime();
        line = String.format(Locale.ROOT,
            "{\"connectSeconds\":%.6f,\"firstResultSeconds\":%.6f,\"cpuSeconds\":%.6f,\"lookupMillis\":%.4f,\"count\":%d,\"found\":%s}",
            (connected - start) / 1e9, (first - start) / 1e9, cpuSeconds, (looked - first) / 1e6, count, quote(found));
      }
    } catch (Exception e) {
      line = "{\"error\":" + quote(e.getClass().getSimpleName() + ": " + e.getMessage()) + "}";
    }
    System.out.println(PREFIX + line);
    System.out.flush();
    // The driver's shutdown hook closes the engine; exit does not wait for its background threads.
    System.exit(0);
  }

  /** A JSON string literal (no JSON library: the shaded jar relocates the driver's). */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
