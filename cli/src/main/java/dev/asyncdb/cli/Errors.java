package dev.asyncdb.cli;

import dev.asyncdb.engine.DbException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns failures into one readable block on stderr: {@code error: CODE: message} and a
 * {@code hint:} line, preceded by the diagnostics an engine error carries. Exit code 2 for
 * {@link UsageError}s, 1 otherwise; the Java stack trace only with {@code --verbose}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (ex instanceof DbException e) {
      printDiagnostics(e, err);
      err.println("error: " + e.code() + ": " + e.getMessage());
      if (e.hint() != null) {
        err.println("hint: " + e.hint());
      }
      if (ex instanceof UsageError) {
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
    } else if (ex instanceof SQLException e) {
      err.println("error: SQL" + (e.getSQLState() == null ? "" : " " + e.getSQLState()) + ": " + e.getMessage());
    } else {
      err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
    if (Main.of(cli.getCommandSpec()).verbose()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ex instanceof UsageError ? 2 : 1;
  }

  private static void printDiagnostics(DbException e, PrintWriter err) {
    if (e.details().get("diagnostics") instanceof List<?> list) {
      for (Object d : list) {
        if (d instanceof Map<?, ?> m) {
          err.println(m.get("severity") + ": " + m.get("code") + ": " + m.get("message"));
          if (m.get("hint") != null) {
            err.println("  hint: " + m.get("hint"));
          }
        }
      }
    }
  }
}
