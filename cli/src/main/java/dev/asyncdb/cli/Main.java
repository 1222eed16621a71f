package dev.asyncdb.cli;

import dev.asyncdb.cli.backup.BackupCommand;
import dev.asyncdb.cli.backup.RestoreCommand;
import dev.asyncdb.cli.doctor.DoctorCommand;
import dev.asyncdb.cli.schema.SchemaCommand;
import dev.asyncdb.cli.serve.PasswdCommand;
import dev.asyncdb.cli.serve.ServeCommand;
import dev.asyncdb.cli.sql.SqlCommand;
import dev.asyncdb.cli.transfer.ExportCommand;
import dev.asyncdb.cli.transfer.ImportCommand;
import dev.asyncdb.cli.types.TypesCommand;
import dev.asyncdb.engine.AsyncDb;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code async-db}. Exit codes: 0 success, 1 errors found or operation failed,
 * 2 usage error. Errors print code, message and hint on stderr; stack traces only with --verbose.
 * Tables and colour are used only when a person is watching ({@link #terminal()}); piped output is
 * plain and stable.
 */
@Command(name = "async-db", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Local-first database over the JSON, JSONC and CSV files in a project's db/ folder.",
    subcommands = {InitCommand.class, SyncCommand.class, SchemaCommand.class, TypesCommand.class, DoctorCommand.class,
        CreateCommand.class, SqlCommand.class, ImportCommand.class, ExportCommand.class, BackupCommand.class, RestoreCommand.class,
        ServeCommand.class, PasswdCommand.class, MigrateStoreCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Repeatable for {@code serve} only, which hosts several projects ({@code --project NAME=DIR}); every other command takes one. */
  @Option(names = "--project", paramLabel = "DIR", description = "Project folder (default: current directory). serve takes several (--project NAME=DIR, repeated);"
          + " passwd takes the names of the projects a user may use.",
      defaultValue = ".", scope = CommandLine.ScopeType.INHERIT)
  List<String> project;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file to use instead of db.config.json.", scope = CommandLine.ScopeType.INHERIT)
  String config;

  @Option(names = "--json", description = "Machine-readable JSON output where the output is data.", scope = CommandLine.ScopeType.INHERIT)
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces for errors.", scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  @Option(names = "--read-only", description = "Open the project without writing to it (works while another process, such as async-db serve, owns it).",
      scope = CommandLine.ScopeType.INHERIT)
  boolean readOnly;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private InputStream stdin = InputStream.nullInputStream();
  private boolean terminal;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line with no standard input and no terminal (for tests); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, InputStream.nullInputStream(), out, err, false);
  }

  /** Runs the command line; {@code terminal} says whether a person is watching (tables, colour, interactive shell). */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
    Main main = new Main();
    main.stdin = in;
    main.terminal = terminal;
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Errors());
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, System.in, out, err, System.console() != null));
  }

  /** The root command of any command's spec, where the global options live. */
  public static Main of(CommandLine.Model.CommandSpec spec) {
    return (Main) spec.root().userObject();
  }

  public Path projectDir() {
    return Path.of(projectArgument());
  }

  /** The folder as the user typed it, for next-step hints. */
  public String projectArgument() {
    if (project.size() > 1) {
      throw new UsageError("PROJECT_REPEATED", "--project was given " + project.size() + " times (" + String.join(", ", project)
          + "); this command works on one project.", "Give --project once; only async-db serve hosts several (--project NAME=DIR, repeated).");
    }
    return project.get(0);
  }

  /** Whether {@code --project} was given (before or after the command's name), rather than defaulting to the current folder. */
  public boolean projectGiven() {
    for (CommandLine.ParseResult r = spec.commandLine().getParseResult(); r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--project")) {
        return true;
      }
    }
    return false;
  }

  /** Every {@code --project} as typed, in order (several for {@code serve}, project names for {@code passwd}). */
  public List<String> projectArguments() {
    return List.copyOf(project);
  }

  public Path configFile() {
    return config == null ? null : Path.of(config);
  }

  public boolean json() {
    return json;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean terminal() {
    return terminal;
  }

  public InputStream stdin() {
    return stdin;
  }

  public Style style() {
    return new Style(terminal && System.getenv("NO_COLOR") == null);
  }

  /** Prints the product version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"async-db " + AsyncDb.version()};
    }
  }
}
