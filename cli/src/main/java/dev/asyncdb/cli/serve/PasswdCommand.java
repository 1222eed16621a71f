package dev.asyncdb.cli.serve;

import dev.asyncdb.cli.Main;
import dev.asyncdb.cli.UsageError;
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
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code async-db passwd FILE NAME}: adds a user to a users file, or replaces their password. The
 * password is read from the terminal without echo (asked twice), or from the first line of
 * standard input when it is not a terminal; only its PBKDF2 hash is written, and a new file is
 * readable by its owner only.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = {"Add a user to a users file for async-db serve --auth-file, or change their password.",
        "Reads the password from the terminal (asked twice) or from the first line of standard input."})
public final class PasswdCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The users file (created if missing).")
  Path file;

  @Parameters(index = "1", paramLabel = "NAME", description = "The user name.")
  String name;

  @CommandLine.Option(names = "--grant", paramLabel = "GRANT",
      description = "write (default for a new user) or read-only: queries only; writes, DDL and REST writes are refused.")
  String grant;

  @Override
  public Integer call() throws IOException {
    Main main = Main.of(spec);
    Path target = file.toAbsolutePath();
    Users users = Files.exists(target) ? Users.parse(target) : Users.none();
    boolean existed = users.names().contains(name);
    if (grant != null && !grant.equals("write") && !grant.equals("read-only")) {
      throw new UsageError("PASSWD_GRANT_INVALID", "Unknown --grant \"" + grant + "\".", "Use --grant write or --grant read-only.");
    }
    try {
      users = users.with(name, password(main));
    } catch (IllegalArgumentException e) {
      throw new UsageError("PASSWD_USER_INVALID", "Invalid user name: " + e.getMessage() + ".", "Pick a plain user name such as ada.");
    }
    if (grant != null) {
      users = users.withReadOnly(name, grant.equals("read-only"));
    }
    if (!Files.exists(target)) {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.createFile(target);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
    }
    Files.writeString(target, users.toFileText(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println((existed ? "Changed the password of " : "Added ") + name + (users.isReadOnly(name) ? " (read-only)" : "")
        + " in " + file + ". Serve with: async-db serve --auth-file " + file);
    return 0;
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
