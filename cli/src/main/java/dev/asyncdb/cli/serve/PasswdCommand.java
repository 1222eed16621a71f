package dev.asyncdb.cli.serve;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.UsageError;
import dev.asyncdb.server.Grant;
import dev.asyncdb.server.ServerConfig;
import dev.asyncdb.server.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db passwd FILE NAME}: adds a user to a users file, or replaces their password, and
 * sets their grant: {@code --grant} the mode (write or read-only) on every project they may use,
 * {@code --project NAME[:MODE]} (repeatable) the projects they may use, {@code --all-projects}
 * every project again. Whatever is not given stays as it was (a new user may use every project,
 * read and write). The password is read from the terminal without echo (asked twice), or from the
 * first line of standard input when it is not a terminal; only its PBKDF2 hash is written, and a
 * new file is readable by its owner only.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = {"Add a user to a users file for async-db serve --auth-file, or change their password.",
        "Reads the password from the terminal (asked twice) or from the first line of standard input.",
        "--project NAME[:read-only|:write] (repeatable) limits the user to those projects of a multi-project server."})
public final class PasswdCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The users file (created if missing).")
  Path file;

  @Parameters(index = "1", paramLabel = "NAME", description = "The user name.")
  String name;

  @CommandLine.Option(names = "--grant", paramLabel = "GRANT",
      description = "write (default for a new user) or read-only: queries only; writes, DDL and REST writes are refused. Applies to every project the user may use.")
  String grant;

  // --project NAME[:MODE] (repeatable) is the global option: passwd opens no project folder, so there it names the
  // projects of a server (async-db serve --project NAME=DIR) the user may use.

  @CommandLine.Option(names = "--all-projects", description = "Let the user use every project again (undoes --project).")
  boolean allProjects;

  @Override
  public Integer call() throws IOException {
    Main main = Main.of(spec);
    Path target = file.toAbsolutePath();
    Users users = Files.exists(target) ? Users.parse(target) : Users.none();
    boolean existed = users.names().contains(name);
    Grant.Mode mode = grant == null ? null : Grant.Mode.of(grant);
    if (grant != null && mode == null) {
      throw new UsageError("PASSWD_GRANT_INVALID", "Unknown --grant \"" + grant + "\".", "Use --grant write or --grant read-only.");
    }
    Map<String, Grant.Mode> projects = main.projectGiven() ? projects(main.projectArguments()) : null;
    if (projects != null && allProjects) {
      throw new UsageError("PASSWD_PROJECTS_CONFLICT", "--project and --all-projects both say which projects " + name + " may use.",
          "Use one: --project NAME (repeated) for some projects, --all-projects for every one.");
    }
    try {
      users = users.with(name, password(main));
    } catch (IllegalArgumentException e) {
      throw new UsageError("PASSWD_USER_INVALID", "Invalid user name: " + e.getMessage() + ".", "Pick a plain user name such as ada.");
    }
    Grant g = users.grant(name);
    if (mode != null) {
      g = g.withMode(mode);
    }
    if (projects != null || allProjects) {
      g = g.withProjects(projects);
    }
    users = users.withGrant(name, g);
    if (!Files.exists(target)) {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.createFile(target);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
    }
    Files.writeString(target, users.toFileText(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println((existed ? "Changed the password of " : "Added ") + name + describe(users.grant(name))
        + " in " + file + ". Serve with: async-db serve --auth-file " + file);
    return 0;
  }

  /** {@code --project} values: {@code NAME} or {@code NAME:MODE}, each name once. */
  private static Map<String, Grant.Mode> projects(List<String> arguments) {
    Map<String, Grant.Mode> out = new LinkedHashMap<>();
    for (String argument : arguments) {
      int colon = argument.indexOf(':');
      String project = colon < 0 ? argument : argument.substring(0, colon);
      Grant.Mode m = null;
      if (colon >= 0) {
        m = Grant.Mode.of(argument.substring(colon + 1));
        if (m == null) {
          throw new UsageError("PASSWD_PROJECT_INVALID", "--project " + argument + ": unknown mode \"" + argument.substring(colon + 1) + "\".",
              "Write --project NAME, --project NAME:read-only or --project NAME:write.");
        }
      }
      try {
        ServerConfig.checkProjectName(project);
      } catch (IllegalArgumentException e) {
        throw new UsageError("PASSWD_PROJECT_INVALID", "--project " + argument + ": " + e.getMessage() + ".",
            "Use the name the server gives the project (async-db serve --project NAME=DIR).");
      }
      if (out.containsKey(project)) {
        throw new UsageError("PASSWD_PROJECT_INVALID", "--project " + project + " is given twice.", "Give each project once.");
      }
      out.put(project, m);
    }
    return out;
  }

  /** The grant as the confirmation shows it: nothing for every project read-write, else e.g. {@code  (read-only; projects app, shop:write)}. */
  private static String describe(Grant g) {
    if (g.equals(Grant.ALL)) {
      return "";
    }
    String mode = g.mode() == Grant.Mode.READ_ONLY ? "read-only" : "";
    if (g.allProjects()) {
      return " (" + mode + ")";
    }
    List<String> items = new ArrayList<>();
    g.projects().forEach((p, m) -> items.add(m == g.mode() ? p : p + ":" + m.word()));
    return " (" + (mode.isEmpty() ? "" : mode + "; ") + "projects " + String.join(", ", items) + ")";
  }

  private String password(Main main) throws IOException {
    Console console = System.console();
    String password;
    if (main.terminal() && console != null) {
      char[] first = console.readPassword("Password for %s: ", name);
      char[] again = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new UsageError("PASSWD_MISMATCH", "The two passwords differ; nothing was written.", "Run the command again.");
      }
      password = new String(first);
    } else {
      password = new BufferedReader(new InputStreamReader(main.stdin(), StandardCharsets.UTF_8)).readLine();
    }
    if (password == null || password.isEmpty()) {
      throw new UsageError("PASSWD_EMPTY", "No password was given; nothing was written.",
          "Type it when asked, or pipe it in: printf '%s\\n' \"$SECRET\" | async-db passwd " + file + " " + name);
    }
    return password;
  }
}
