package dev.asyncdb.cli;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Turns engine errors into one readable block on stderr and exit code 1. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    var err = cli.getErr();
    if (ex instanceof DbException e) {
      Object diagnostics = e.details().get("diagnostics");
      if (diagnostics instanceof List<?> list) {
        for (Object d : list) {
          if (d instanceof Map<?, ?> m) {
            err.println(m.get("severity") + ": " + m.get("code") + ": " + m.get("message"));
            if (m.get("hint") != null) {
              err.println("  hint: " + m.get("hint"));
            }
          }
        }
      }
      err.println("error: " + e.code() + ": " + e.getMessage());
      if (e.hint() != null) {
        err.println("hint: " + e.hint());
      }
    } else {
      err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
    Main root = cli.getCommandSpec().root().userObject() instanceof Main m ? m : null;
    if (root != null && root.verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  static void print(Diagnostic d, java.io.PrintWriter err) {
    err.println(d.format());
    if (d.hint() != null) {
      err.println("  hint: " + d.hint());
    }
  }
}
