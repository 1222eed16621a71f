package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.DbException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users files and password hashes: what is stored, what matches, and how a broken file is reported. */
class UsersTest {
  @TempDir
  Path tmp;

  @Test
  void aHashMatchesItsPasswordOnlyAndSurvivesItsTextForm() {
    PasswordHash hash = PasswordHash.of("secret");
    PasswordHash again = PasswordHash.parse(hash.toString());
    assertThat(again.matches("secret")).isTrue();
    assertThat(again.matches("Secret")).isFalse();
    assertThat(hash.toString()).startsWith("pbkdf2-sha256:" + PasswordHash.ITERATIONS + ":").doesNotContain("secret");
    assertThat(PasswordHash.of("secret").toString()).as("salted").isNotEqualTo(hash.toString());
  }

  @Test
  void aUsersFileRoundTripsAndSkipsCommentsAndBlankLines() throws Exception {
    Path file = tmp.resolve("users.txt");
    Files.writeString(file, "\n# team\n" + Users.of("ada", "one").with("grace", "two").toFileText());
    Users users = Users.load(file);
    assertThat(users.names()).containsExactly("ada", "grace");
    assertThat(users.hash("grace").matches("two")).isTrue();
    assertThat(users.with("ada", "three").hash("ada").matches("three")).isTrue();
  }

  @Test
  void malformedLinesNameTheFileAndLine() throws Exception {
    Path file = tmp.resolve("users.txt");
    Files.writeString(file, "# users\nada:" + PasswordHash.of("x") + "\ngrace:plaintext\n");
    assertThatThrownBy(() -> Users.load(file))
        .isInstanceOf(DbException.class)
        .hasMessageContaining("users.txt:3").hasMessageContaining("expected pbkdf2-sha256:<iterations>:<salt>:<hash>")
        .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("SERVER_USERS_FILE_INVALID"))
        .satisfies(e -> assertThat(((DbException) e).hint()).contains("async-db passwd"));
    Files.writeString(file, "ada:" + PasswordHash.of("x") + "\nada:" + PasswordHash.of("y") + "\n");
    assertThatThrownBy(() -> Users.load(file)).hasMessageContaining("users.txt:2").hasMessageContaining("appears twice");
    Files.writeString(file, ":" + PasswordHash.of("x") + "\n");
    assertThatThrownBy(() -> Users.load(file)).hasMessageContaining("users.txt:1").hasMessageContaining("without a user name");
  }

  @Test
  void anEmptyOrMissingFileIsAnError() throws Exception {
    Path file = tmp.resolve("users.txt");
    Files.writeString(file, "# nobody yet\n");
    assertThatThrownBy(() -> Users.load(file)).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("SERVER_USERS_FILE_EMPTY"));
    assertThatThrownBy(() -> Users.load(tmp.resolve("missing.txt")))
        .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("SERVER_USERS_FILE_UNREADABLE"))
        .hasMessageContaining("missing.txt");
  }

  @Test
  void userNamesCannotHoldTheSeparator() {
    assertThatThrownBy(() -> Users.of("a:b", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without ':'");
    assertThatThrownBy(() -> Users.of(" ", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grantsPerProjectRoundTripAndOldLinesKeepTheirMeaning() throws Exception {
    Path file = tmp.resolve("users.txt");
    String hash = PasswordHash.of("x").toString();
    Files.writeString(file, String.join("\n", "ada:" + hash, "bob:" + hash + " read-only", "carl:" + hash + " projects=app,shop",
        "dora:" + hash + "   read-only   projects=app", "emil:" + hash + " projects=app:read-only,shop", "finn:" + hash + " read-only projects=app:write",
        "gus:" + hash + " write") + "\n");
    Users users = Users.load(file);
    assertThat(users.grant("ada")).isEqualTo(Grant.ALL);
    assertThat(users.grant("ada").on("anything")).isEqualTo(Grant.Mode.WRITE);
    assertThat(users.grant("bob").allProjects()).isTrue();
    assertThat(users.grant("bob").on("app")).isEqualTo(Grant.Mode.READ_ONLY);
    assertThat(users.grant("carl").on("shop")).isEqualTo(Grant.Mode.WRITE);
    assertThat(users.grant("carl").on("payroll")).isNull();
    assertThat(users.grant("dora").projects()).containsOnlyKeys("app");
    assertThat(users.grant("dora").on("app")).isEqualTo(Grant.Mode.READ_ONLY);
    assertThat(users.grant("emil").on("app")).isEqualTo(Grant.Mode.READ_ONLY);
    assertThat(users.grant("emil").on("shop")).isEqualTo(Grant.Mode.WRITE);
    assertThat(users.grant("finn").on("app")).isEqualTo(Grant.Mode.WRITE);
    assertThat(users.grant("gus")).isEqualTo(Grant.ALL);
    assertThat(users.grant("nobody")).isNull();

    String text = users.toFileText();
    assertThat(text).contains("ada:" + hash + "\n", "bob:" + hash + " read-only\n", "carl:" + hash + " projects=app,shop\n",
        "dora:" + hash + " read-only projects=app\n", "emil:" + hash + " projects=app:read-only,shop\n",
        "finn:" + hash + " read-only projects=app:write\n", "gus:" + hash + "\n");
    Files.writeString(file, text);
    Users again = Users.load(file);
    for (String name : users.names()) {
      assertThat(again.grant(name)).as(name).isEqualTo(users.grant(name));
    }
  }

  @Test
  void changingAGrantKeepsThePasswordAndAPasswordChangeKeepsTheGrant() {
    Users users = Users.of("ada", "one").withGrant("ada", Grant.ALL.withProjects(java.util.Map.of("app", Grant.Mode.READ_ONLY)));
    assertThat(users.with("ada", "two").grant("ada").on("app")).isEqualTo(Grant.Mode.READ_ONLY);
    Users writer = users.withReadOnly("ada", false);
    assertThat(writer.grant("ada").on("app")).as("--grant sets the mode on every granted project").isEqualTo(Grant.Mode.WRITE);
    assertThat(writer.grant("ada").on("shop")).isNull();
    assertThat(users.withGrant("ada", users.grant("ada").withProjects(null)).grant("ada").allProjects()).isTrue();
    assertThatThrownBy(() -> users.withGrant("zed", Grant.ALL)).hasMessageContaining("no user \"zed\"");
  }

  @Test
  void malformedGrantsNameTheFileTheLineAndWhatWasReceived() throws Exception {
    Path file = tmp.resolve("users.txt");
    String hash = PasswordHash.of("x").toString();
    java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("admin", "unknown grant \"admin\" (expected \"read-only\", \"write\" or \"projects=NAME[:MODE],...\")");
    cases.put("read-only write", "the mode is given twice (\"read-only\" and \"write\")");
    cases.put("projects=", "\"projects=\" lists no project");
    cases.put("projects=app projects=shop", "\"projects=\" is given twice");
    cases.put("projects=app,,shop", "project name \"\" is not valid");
    cases.put("projects=app,my%20shop", "project name \"my%20shop\" is not valid");
    cases.put("projects=app:admin", "unknown mode \"admin\" for project \"app\" in \"projects=app:admin\" (expected read-only or write)");
    cases.put("projects=app,app:read-only", "project \"app\" appears twice in \"projects=app,app:read-only\"");
    for (var c : cases.entrySet()) {
      Files.writeString(file, "# users\n\nada:" + hash + " " + c.getKey() + "\n");
      assertThatThrownBy(() -> Users.load(file)).as(c.getKey())
          .isInstanceOfSatisfying(DbException.class, e -> {
            assertThat(e.code()).isEqualTo("SERVER_USERS_FILE_INVALID");
            assertThat(e.hint()).contains("projects=NAME[:read-only|:write]", "async-db passwd " + file + " NAME");
            assertThat(e.details()).containsEntry("line", "3");
          })
          .hasMessageContaining("Invalid users file line " + file + ":3: " + c.getValue());
    }
  }
}
