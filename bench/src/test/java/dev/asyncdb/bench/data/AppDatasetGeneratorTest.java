package dev.asyncdb.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDatasetGeneratorTest {

  private static final double SCALE = 0.002;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void sameSeedWritesIdenticalBytes() throws Exception {
    Dataset first = new AppDatasetGenerator().generate(work.resolve("one"), SCALE);
    Dataset second = new AppDatasetGenerator().generate(work.resolve("two"), SCALE);
    for (String file : List.of("users.json", "posts.json", "settings.json",
        "users.schema.json", "posts.schema.json")) {
      assertThat(sha256(second.dbDir().resolve(file)))
          .as(file)
          .isEqualTo(sha256(first.dbDir().resolve(file)));
    }
  }

  @Test
  void writesTheScaledRowCountsOneRecordPerLine() throws Exception {
    Dataset dataset = new AppDatasetGenerator().generate(work.resolve("app"), SCALE);
    assertThat(dataset.table("users").rows()).isEqualTo(200);
    assertThat(dataset.table("posts").rows()).isEqualTo(2_000);
    List<String> lines = Files.readAllLines(dataset.table("posts").file());
    assertThat(lines).hasSize(2_000 + 2);
    assertThat(lines.get(0)).isEqualTo("[");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("]");
    assertThat(lines.get(1)).startsWith("{\"id\":\"p_1\",\"userId\":\"u_").endsWith("},");
    assertThat(lines.get(lines.size() - 2)).startsWith("{\"id\":\"p_2000\"").endsWith("}");
  }

  @Test
  void everyPostPointsAtAnExistingUser() throws Exception {
    Dataset dataset = new AppDatasetGenerator().generate(work.resolve("app"), SCALE);
    Set<String> users = new HashSet<>();
    for (JsonNode user : MAPPER.readTree(dataset.table("users").file().toFile())) {
      users.add(user.get("id").asText());
    }
    JsonNode posts = MAPPER.readTree(dataset.table("posts").file().toFile());
    assertThat(posts).hasSize(2_000);
    for (JsonNode post : posts) {
      assertThat(users).contains(post.get("userId").asText());
    }
  }

  @Test
  void recordsHaveTheDeclaredTypes() throws Exception {
    Dataset dataset = new AppDatasetGenerator().generate(work.resolve("app"), SCALE);
    JsonNode user = MAPPER.readTree(dataset.table("users").file().toFile()).get(0);
    assertThat(user.get("id").asText()).isEqualTo("u_1");
    assertThat(user.get("role").asText()).isIn("admin", "editor", "user");
    assertThat(user.get("active").isBoolean()).isTrue();
    assertThat(user.get("score").isInt()).isTrue();
    assertThat(user.get("createdAt").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(user.get("country").asText()).matches("[A-Z]{2}");
    JsonNode post = MAPPER.readTree(dataset.table("posts").file().toFile()).get(0);
    assertThat(post.get("status").asText()).isIn("draft", "published", "archived");
    assertThat(post.get("views").isIntegralNumber()).isTrue();
    JsonNode settings = MAPPER.readTree(dataset.dbDir().resolve("settings.json").toFile());
    assertThat(settings.isObject()).isTrue();
  }

  @Test
  void schemaFilesDeclareTypesEnumsAndTheRelation() throws Exception {
    Dataset dataset = new AppDatasetGenerator().generate(work.resolve("app"), SCALE);
    JsonNode users = MAPPER.readTree(dataset.dbDir().resolve("users.schema.json").toFile());
    assertThat(users.get("kind").asText()).isEqualTo("collection");
    assertThat(users.get("idField").asText()).isEqualTo("id");
    assertThat(users.at("/fields/createdAt/type").asText()).isEqualTo("datetime");
    assertThat(users.at("/fields/active/type").asText()).isEqualTo("boolean");
    assertThat(users.at("/fields/score/type").asText()).isEqualTo("integer");
    assertThat(users.at("/fields/role/type").asText()).isEqualTo("enum");
    assertThat(users.at("/fields/role/values").toString())
        .isEqualTo("[\"admin\",\"editor\",\"user\"]");
    JsonNode posts = MAPPER.readTree(dataset.dbDir().resolve("posts.schema.json").toFile());
    assertThat(posts.at("/fields/userId/relation/to").asText()).isEqualTo("users");
    assertThat(posts.at("/fields/views/type").asText()).isEqualTo("integer");
    assertThat(SchemaFile.read("posts", dataset.dbDir().resolve("posts.schema.json")))
        .isEqualTo(AppDatasetGenerator.POSTS);
  }

  @Test
  void ensureReusesACompleteDatasetOfTheSameScale() throws Exception {
    AppDatasetGenerator generator = new AppDatasetGenerator();
    Dataset first = generator.ensure(work, SCALE);
    Path posts = first.table("posts").file();
    FileTime stamp = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(posts, stamp);

    Dataset again = generator.ensure(work, SCALE);

    assertThat(again).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(posts)).isEqualTo(stamp);
  }

  @Test
  void ensureRegeneratesAnIncompleteDataset() throws Exception {
    AppDatasetGenerator generator = new AppDatasetGenerator();
    Dataset first = generator.ensure(work, SCALE);
    Path posts = first.table("posts").file();
    Files.writeString(posts, "[\n]");

    Dataset again = generator.ensure(work, SCALE);

    assertThat(Files.size(posts)).isEqualTo(first.table("posts").bytes());
    assertThat(again.table("posts").rows()).isEqualTo(2_000);
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
  }
}
