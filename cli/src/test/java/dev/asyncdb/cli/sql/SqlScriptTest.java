package dev.asyncdb.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.sql.SqlScript.Meta;
import dev.asyncdb.cli.sql.SqlScript.Statement;
import org.junit.jupiter.api.Test;

/** Statement splitting: semicolons inside quotes and comments do not end a statement; dot-commands stand on their own line. */
class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    assertThat(SqlScript.split("select 1; select 'a;b' as \"x;y\";\n-- c; d\nselect /* ; */ 2"))
        .containsExactly(new Statement("select 1", 1), new Statement("select 'a;b' as \"x;y\"", 1),
            new Statement("-- c; d\nselect /* ; */ 2", 3));
  }

  @Test
  void doubledQuotesAreEscapesNotEnds() {
    assertThat(SqlScript.split("select 'it''s; fine'; select 2;")).extracting(u -> ((Statement) u).sql())
        .containsExactly("select 'it''s; fine'", "select 2");
  }

  @Test
  void dotCommandsAreMetaUnitsOnlyAtAStatementBoundary() {
    assertThat(SqlScript.split(".tables\nselect 1;\n  .schema users\nselect\n.5 as x;"))
        .containsExactly(new Meta(".tables", 1), new Statement("select 1", 2), new Meta(".schema users", 3), new Statement("select\n.5 as x", 4));
  }

  @Test
  void emptyStatementsAndTrailingCommentsAreDropped() {
    assertThat(SqlScript.split(";;  ;\n-- only a comment\n")).isEmpty();
  }

  @Test
  void completenessDecidesWhenTheShellRunsTheBuffer() {
    assertThat(SqlScript.isComplete("")).isTrue();
    assertThat(SqlScript.isComplete("select 1;")).isTrue();
    assertThat(SqlScript.isComplete("select 1; -- done")).isTrue();
    assertThat(SqlScript.isComplete(".tables")).isTrue();
    assertThat(SqlScript.isComplete("select 1")).isFalse();
    assertThat(SqlScript.isComplete("select 'a;")).isFalse();
    assertThat(SqlScript.isComplete("select 1 /* ;")).isFalse();
    assertThat(SqlScript.isComplete("select 1;\nselect")).isFalse();
  }
}
