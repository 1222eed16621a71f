package dev.asyncdb.cli;

import dev.asyncdb.engine.AsyncDb;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code async-db}. Exit codes: 0 success, 1 errors found or operation failed,
 * 2 usage error. Errors print code, message and hint on stderr; stack traces only with --verbose.
 */
@Command(name = "async-db", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Local-first database over the JSON, JSONC and CSV files in a project's db/ folder.",
    subcommands = {SyncCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Option(names = "--project", description = "Project folder (default: current directory).", defaultValue = ".", scope = CommandLine.ScopeType.INHERIT)
  String project;

  @Option(names = "--config", description = "Config file to use instead of db.config.json.", scope = CommandLine.ScopeType.INHERIT)
  String config;

  @Option(names = "--verbose", description = "Print stack traces for errors.", scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns the exit code (for tests and the launcher). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Errors());
    return cli.execute(args);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err));
  }

  /** Prints the product version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"async-db " + AsyncDb.version()};
    }
  }
}
