package dev.asyncdb.cli.sql;

import dev.asyncdb.cli.Style;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection and how its results are shown: runs statements and meta-commands and prints
 * what they return. Shared by scripts and the interactive shell; only the shell prints timings.
 */
final class SqlSession {
  private final Connection connection;
  private final PrintWriter out;
  private final Style style;
  private final boolean interactive;
  private final MetaCommands meta;
  private Format format;
  private boolean timer;

  SqlSession(Connection connection, PrintWriter out, Style style, Format format, boolean interactive) {
    this.connection = connection;
    this.out = out;
    this.style = style;
    this.format = format;
    this.interactive = interactive;
    this.timer = interactive;
    this.meta = new MetaCommands(this);
  }

  Connection connection() {
    return connection;
  }

  PrintWriter out() {
    return out;
  }

  Style style() {
    return style;
  }

  boolean interactive() {
    return interactive;
  }

  void format(Format f) {
    this.format = f;
  }

  Format format() {
    return format;
  }

  void timer(boolean on) {
    this.timer = on;
  }

  /** Runs one unit; returns false when it asked to quit. */
  boolean run(SqlScript.Unit unit) throws SQLException {
    if (unit instanceof SqlScript.Meta m) {
      return meta.run(m.command());
    }
    execute(((SqlScript.Statement) unit).sql());
    return true;
  }

  void execute(String sql) throws SQLException {
    long start = System.nanoTime();
    try (Statement st = connection.createStatement()) {
      boolean hasResult = st.execute(sql);
      String summary;
      if (hasResult) {
        try (ResultSet rs = st.getResultSet()) {
          int rows = new ResultPrinter(out, style, interactive).print(rs, format);
          summary = rows + (rows == 1 ? " row" : " rows");
        }
      } else {
        int count = st.getUpdateCount();
        summary = count + (count == 1 ? " row" : " rows") + " affected";
      }
      if (format == Format.TABLE || !hasResult) {
        String timing = timer ? ", " + (System.nanoTime() - start) / 1_000_000 + " ms" : "";
        out.println(style.dim("(" + summary + timing + ")"));
      }
      if (interactive || format == Format.TABLE) {
        out.println();
      }
      out.flush();
    }
  }
}
