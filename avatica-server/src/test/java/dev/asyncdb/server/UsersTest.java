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
}
