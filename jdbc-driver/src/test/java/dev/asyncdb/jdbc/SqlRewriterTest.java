package dev.asyncdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlRewriterTest {
  @Test
  void rewritesPragmaTableInfoInItsForms() {
    assertThat(SqlRewriter.rewrite("PRAGMA table_info(users)")).contains("LOWER('users')");
    assertThat(SqlRewriter.rewrite("pragma TABLE_INFO( ? );")).contains("LOWER(CAST(? AS VARCHAR))");
    assertThat(SqlRewriter.rewrite("PRAGMA table_info('o''brien')")).contains("LOWER('o''brien')");
    assertThat(SqlRewriter.rewrite("PRAGMA table_info(\"audit-events\")")).contains("LOWER('audit-events')");
  }

  @Test
  void leavesEverythingElseAlone() {
    assertThat(SqlRewriter.rewrite("select 'PRAGMA table_info(x)'")).isEqualTo("select 'PRAGMA table_info(x)'");
    assertThat(SqlRewriter.rewrite("PRAGMA journal_mode")).isEqualTo("PRAGMA journal_mode");
  }
}
