package dev.asyncdb.cli.schema;

import static dev.asyncdb.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.cli.CliRun;
import dev.asyncdb.cli.CliRun.Result;
import dev.asyncdb.engine.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schema bundle} and {@code schema unbundle}: moving seeds between schema files and data files. */
class SchemaBundleTest {
  @TempDir
  Path tmp;

  private static Map<String, Object> json(String text) {
    return CliRun.object(text);
  }

  @Test
  void bundlePrintsTheSchemaFileWithTheDataFileAsSeed() {
    Path project = CliRun.example("diagnostics", tmp);
    Result r = run("--project", project.toString(), "schema", "bundle", "users");
    assertThat(r.code()).isZero();
    Map<String, Object> bundle = json(r.out());
    assertThat(List.copyOf(bundle.keySet())).containsExactly("kind", "idField", "fields", "seed");
    assertThat(bundle.get("seed").toString()).contains("twitterHandle=@ada");
  }

  @Test
  void bundleOfADataOnlyResourceCarriesTheInferredFields() {
    Path project = CliRun.example("data-first", tmp);
    Map<String, Object> bundle = json(run("--project", project.toString(), "schema", "bundle", "settings").out());
    assertThat(bundle).containsEntry("kind", "document");
    assertThat(CliRun.object(bundle, "fields")).containsKeys("theme", "locale", "features");
    assertThat(CliRun.object(bundle, "seed")).containsEntry("theme", "light");
  }

  @Test
  void bundleOutWritesOutsideDbAndRefusesDbWithoutForce() {
    Path project = CliRun.example("schema-first", tmp);
    Result ok = run("--project", project.toString(), "schema", "bundle", "users", "--out", "artifacts/users.bundle.schema.json");
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).isEqualTo("Generated artifacts/users.bundle.schema.json\n");
    assertThat(json(CliRun.read(project.resolve("artifacts/users.bundle.schema.json"))).get("seed").toString()).contains("u_1");

    Result live = run("--project", project.toString(), "schema", "bundle", "users", "--out", "db/copy.schema.json");
    assertThat(live.code()).isEqualTo(1);
    assertThat(live.err()).contains("SCHEMA_BUNDLE_LIVE_OUTPUT_REQUIRES_FORCE");
    assertThat(project.resolve("db/copy.schema.json")).doesNotExist();
    assertThat(run("--project", project.toString(), "schema", "bundle", "users", "--out", "db/copy.schema.json", "--force").code()).isZero();
    assertThat(project.resolve("db/copy.schema.json")).exists();
  }

  @Test
  void bundleWithoutANameIsAUsageError() {
    Result r = run("--project", CliRun.example("schema-first", tmp).toString(), "schema", "bundle");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("SCHEMA_BUNDLE_REQUIRES_RESOURCE");
  }

  @Test
  void bundleOfAnUnknownResourceFails() {
    Result r = run("--project", CliRun.example("schema-first", tmp).toString(), "schema", "bundle", "nope");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SCHEMA_UNKNOWN_RESOURCE");
  }

  @Test
  void unbundleMovesTheEmbeddedSeedIntoADataFileAndTheProjectStaysTheSame() {
    Path project = CliRun.example("schema-first", tmp);
    String before = run("--project", project.toString(), "sql", "-e", "select id, name, role from users").out();
    Result r = run("--project", project.toString(), "schema", "unbundle", "users");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Generated db/users.json\nGenerated db/users.schema.jsonc\n");
    assertThat(r.err()).contains("without preserving JSONC comments");
    assertThat(Json.parse(CliRun.read(project.resolve("db/users.json"))).toString()).contains("Ada Lovelace");
    Map<String, Object> schema = json(CliRun.read(project.resolve("db/users.schema.jsonc")));
    assertThat(schema).doesNotContainKey("seed").containsKeys("kind", "idField", "fields");
    Result again = run("--project", project.toString(), "schema", "users");
    assertThat(CliRun.object(json(again.out()), "source").get("dataPath").toString()).endsWith("db/users.json");
    assertThat(before).contains("Ada Lovelace");
  }

  @Test
  void unbundleSkipsAnEmptySeedUnlessAskedAndKeepsTheOriginalWithSchemaOut() {
    Path project = CliRun.example("schema-first", tmp);
    String original = CliRun.read(project.resolve("db/auditEvents.schema.jsonc"));
    Result r = run("--project", project.toString(), "schema", "unbundle", "auditEvents", "--schema-out", "out/auditEvents.schema.json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Generated out/auditEvents.schema.json\n");
    assertThat(r.err()).isEmpty();
    assertThat(project.resolve("db/auditEvents.json")).doesNotExist();
    assertThat(CliRun.read(project.resolve("db/auditEvents.schema.jsonc"))).isEqualTo(original);

    Result empty = run("--project", project.toString(), "schema", "unbundle", "auditEvents", "--empty-seed", "--schema-out", "out/a.json");
    assertThat(empty.code()).isZero();
    assertThat(CliRun.read(project.resolve("db/auditEvents.json"))).isEqualTo("[]\n");
  }

  @Test
  void unbundleRefusesToReplaceADifferentSeedFileWithoutForce() {
    Path project = CliRun.example("schema-first", tmp);
    CliRun.project(project, "seeds/users.json", "[]");
    Result r = run("--project", project.toString(), "schema", "unbundle", "users", "--seed-out", "seeds/users.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SCHEMA_OUTPUT_EXISTS");
    assertThat(CliRun.read(project.resolve("seeds/users.json"))).isEqualTo("[]");
    assertThat(CliRun.read(project.resolve("db/users.schema.jsonc"))).contains("\"seed\"");
    Result forced = run("--project", project.toString(), "schema", "unbundle", "users", "--seed-out", "seeds/users.json", "--force");
    assertThat(forced.code()).isZero();
    assertThat(CliRun.read(project.resolve("seeds/users.json"))).contains("u_1");
  }

  @Test
  void unbundleWithoutANameIsAUsageError() {
    Result r = run("--project", CliRun.example("schema-first", tmp).toString(), "schema", "unbundle");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("SCHEMA_UNBUNDLE_REQUIRES_RESOURCE");
  }
}
