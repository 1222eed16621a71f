package dev.asyncdb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Singleton documents: paths, put, update, set, preconditions and validation. */
class DocumentApiTest {
  @TempDir
  Path tmp;

  private AsyncDb open() {
    TestProjects.project(tmp,
        "db/settings.schema.json", "{\"kind\":\"document\",\"fields\":{\"theme\":{\"type\":\"enum\",\"values\":[\"light\",\"dark\"]},"
            + "\"ui\":{\"type\":\"json\"},\"a/b\":{\"type\":\"number\"}},\"seed\":{\"theme\":\"light\",\"ui\":{\"sidebar\":{\"collapsed\":false}}}}");
    return AsyncDb.open(tmp);
  }

  @Test
  void pathsAsPointersListsAndBareNames() {
    try (AsyncDb db = open()) {
      Document s = db.document("settings");
      assertThat(s.get("/ui/sidebar/collapsed")).isEqualTo(false);
      assertThat(s.get(List.of("ui", "sidebar", "collapsed"))).isEqualTo(false);
      assertThat(s.get("theme")).isEqualTo("light");
      assertThat(s.get("/missing/deep")).isNull();
      assertThat(s.set("/ui/sidebar/width", 240)).isEqualTo(240L);
      assertThat(s.set(List.of("ui", "new", "x"), "y")).isEqualTo("y");
      assertThat(s.set("/a~1b", 2)).isEqualTo(2L);
      assertThat(s.get()).containsEntry("a/b", 2L);
      assertThat(s.get("/ui")).isEqualTo(Map.of("sidebar", Map.of("collapsed", false, "width", 240L), "new", Map.of("x", "y")));
    }
  }

  @Test
  void badPathsAndRootSetAreRejected() {
    try (AsyncDb db = open()) {
      Document s = db.document("settings");
      assertThatThrownBy(() -> s.set("/", Map.of())).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_DOCUMENT_SET_ROOT"));
      assertThatThrownBy(() -> s.get("ui/sidebar")).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_INVALID_JSON_POINTER"));
      assertThatThrownBy(() -> db.document("nope")).satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_UNKNOWN_RESOURCE"));
    }
  }

  @Test
  void putUpdateValidateAndHonourIfMatch() {
    try (AsyncDb db = open()) {
      Document s = db.document("settings");
      String tag = s.etag();
      assertThat(s.update(Map.of("theme", "dark"), WriteOptions.ifMatch(tag))).containsEntry("theme", "dark").containsKey("ui");
      assertThatThrownBy(() -> s.put(Map.of("theme", "light"), WriteOptions.ifMatch(tag)))
          .satisfies(e -> assertThat(((DbException) e).code()).isEqualTo("DB_PRECONDITION_FAILED"));
      assertThatThrownBy(() -> s.update(Map.of("theme", "blue")))
          .satisfies(e -> assertThat(((DbException) e).getMessage()).contains("theme").contains("\"blue\""));
      assertThat(s.put(Map.of("theme", "light"))).isEqualTo(Map.of("theme", "light"));
      assertThat(s.get()).isEqualTo(Map.of("theme", "light"));
    }
  }

  @Test
  void writesSurviveReopen() {
    try (AsyncDb db = open()) {
      db.document("settings").set("theme", "dark");
    }
    try (AsyncDb db = AsyncDb.open(tmp)) {
      assertThat(db.document("settings").get("theme")).isEqualTo("dark");
    }
  }
}
