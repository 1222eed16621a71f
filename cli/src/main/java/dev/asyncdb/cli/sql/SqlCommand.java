package dev.asyncdb.cli.sql;

import dev.asyncdb.calcite.AsyncDbSchema;
import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.Project;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code async-db sql}: runs SQL over {@code jdbc:asyncdb:<project>}. With {@code -e} or
 * {@code -f} it runs that script; on a terminal without them it starts the interactive shell;
 * otherwise it reads the script from standard input. A script stops at its first failing
 * statement and exits 1.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run SQL over the project: -e, -f, standard input, or an interactive shell.",
        "Every resource is a table (schema db).",
        "-e SQL or -f FILE runs a script (statements end with ';'). Without them an",
        "interactive shell starts on a terminal; otherwise standard input is read.",
        "Meta-commands: .tables, .schema [NAME], .format, .timer, .help, .quit."})
public final class SqlCommand implements Callable<Integer> {
  private static final String SQL_PREFIX = "Error while executing SQL \"";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "SQL to run (several statements separated by ';').")
  String execute;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of SQL statements to run.")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", converter = Format.Converter.class, completionCandidates = Format.Names.class,
      description = "table, csv, json or markdown (default: table; json with --json).")
  Format format;

  @Override
  public Integer call() throws SQLException, IOException {
    Main main = Main.of(spec);
    if (execute != null && file != null) {
      throw new UsageError("SQL_SCRIPT_CONFLICT", "Give either -e SQL or -f FILE, not both.", "Put all statements in one of them.");
    }
    if (main.configFile() != null) {
      throw new UsageError("SQL_CONFIG_UNSUPPORTED", "sql cannot use --config: the jdbc:asyncdb: driver reads the project's db.config.json.",
          "Run sql without --config, or copy the settings into db.config.json.");
    }
    Path root = main.projectDir().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new DbException("DB_PROJECT_NOT_FOUND", 404, "Project folder " + root + " does not exist.",
          "Create it (async-db init) or pass the folder that holds db/ with --project.", Map.of("project", root.toString()));
    }
    Format chosen = format != null ? format : main.json() ? Format.JSON : Format.TABLE;
    String script = execute != null ? execute : file != null ? read(file) : null;
    try (Connection connection = DriverManager.getConnection("jdbc:asyncdb:" + root + (main.readOnly() ? ";readOnly=true" : ""))) {
      reportUnavailableResources(connection, main);
      if (script == null && main.terminal()) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
          SqlSession session = new SqlSession(connection, terminal.writer(), main.style(), chosen, true);
          new SqlShell(session, terminal, main.projectArgument()).run();
        }
        return 0;
      }
      if (script == null) {
        script = new String(main.stdin().readAllBytes(), StandardCharsets.UTF_8);
      }
      return runScript(connection, script, chosen, main);
    }
  }

  private int runScript(Connection connection, String script, Format chosen, Main main) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SqlSession session = new SqlSession(connection, out, main.style(), chosen, false);
    List<SqlScript.Unit> units = SqlScript.split(script);
    for (SqlScript.Unit unit : units) {
      try {
        if (!session.run(unit)) {
          break;
        }
      } catch (SQLException e) {
        out.flush();
        String where = units.size() > 1 || file != null ? "line " + unit.line() + ": " : "";
        err.println("error: " + where + message(e));
        if (main.verbose()) {
          e.printStackTrace(err);
        }
        err.flush();
        return 1;
      }
    }
    return 0;
  }

  /**
   * Waits for the driver's engine to finish its sync and prints the errors that left resources out
   * (the driver opens projects with source errors allowed, so a broken file would otherwise just
   * be a missing table). The engine is reached through {@code Connection.unwrap}, the JDBC way to
   * the objects behind a connection.
   */
  private void reportUnavailableResources(Connection connection, Main main) {
    AsyncDb db = engine(connection);
    if (db == null) {
      return;
    }
    db.awaitSync();
    for (Diagnostic d : db.diagnostics()) {
      if (d.isError()) {
        Project.print(d, spec.commandLine().getErr(), main.style());
      }
    }
  }

  private static AsyncDb engine(Connection connection) {
    try {
      SchemaPlus schema = connection.unwrap(CalciteConnection.class).getRootSchema().subSchemas().get(MetaCommands.SCHEMA);
      AsyncDbSchema db = schema == null ? null : schema.unwrap(AsyncDbSchema.class);
      return db == null ? null : db.db();
    } catch (SQLException | ClassCastException e) {
      return null;
    }
  }

  private static String read(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      throw new DbException("SQL_FILE_NOT_FOUND", 404, "SQL file " + f + " does not exist.", "Pass an existing file to -f (relative to the current folder).",
          Map.of("file", f.toString()));
    }
    return Files.readString(f, StandardCharsets.UTF_8);
  }

  /** The driver's message without its echo of the whole statement. */
  static String message(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.startsWith(SQL_PREFIX)) {
      int end = m.indexOf("\": ", SQL_PREFIX.length());
      if (end > 0) {
        m = m.substring(end + 3);
      }
    }
    return m;
  }
}
