package dev.asyncdb.bench.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the app dataset: {@code users} (scale × 100k), {@code posts} (scale × 1M, each pointing
 * at an existing user, skewed towards early users) and a {@code settings} document, all from
 * fixed seeds so every run on every machine produces the same bytes.
 */
public final class AppDatasetGenerator extends DatasetGenerator {

  /** Users per unit of scale. */
  public static final int USERS_PER_SCALE = 100_000;
  /** Posts per unit of scale. */
  public static final int POSTS_PER_SCALE = 1_000_000;

  public static final TableSpec USERS = new TableSpec("users", List.of(
      FieldSpec.of("id", FieldType.STRING),
      FieldSpec.of("name", FieldType.STRING),
      FieldSpec.of("email", FieldType.STRING),
      FieldSpec.enumOf("role", "admin", "editor", "user"),
      FieldSpec.of("active", FieldType.BOOLEAN),
      FieldSpec.of("createdAt", FieldType.DATETIME),
      FieldSpec.of("score", FieldType.INTEGER),
      FieldSpec.of("country", FieldType.STRING)), List.of("id"));

  public static final TableSpec POSTS = new TableSpec("posts", List.of(
      FieldSpec.of("id", FieldType.STRING),
      FieldSpec.relation("userId", "users"),
      FieldSpec.of("title", FieldType.STRING),
      FieldSpec.enumOf("status", "draft", "published", "archived"),
      FieldSpec.of("views", FieldType.INTEGER),
      FieldSpec.of("createdAt", FieldType.DATETIME)), List.of("id"));

  private static final long USERS_SEED = 0x5EED_0001L;
  private static final long POSTS_SEED = 0x5EED_0002L;
  private static final long FIRST_SECOND =
      LocalDate.of(2020, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  private static final long LAST_SECOND =
      LocalDate.of(2026, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

  private static final String[] FIRST_NAMES = {
    "Ada", "Alan", "Barbara", "Brian", "Carla", "Claude", "Dana", "Donald", "Edsger", "Elena",
    "Frances", "Fred", "Grace", "Guido", "Hedy", "Ivan", "Jean", "John", "Karen", "Ken",
    "Linus", "Lynn", "Margaret", "Niklaus", "Olga", "Peter", "Radia", "Rob", "Sophie", "Tim"};
  private static final String[] LAST_NAMES = {
    "Allen", "Backus", "Cerf", "Dijkstra", "Engelbart", "Floyd", "Goldberg", "Hopper", "Iverson",
    "Johnson", "Kay", "Lamport", "Liskov", "McCarthy", "Naur", "Ousterhout", "Perlman", "Ritchie",
    "Stroustrup", "Thompson", "Ullman", "Valiant", "Wirth", "Yao", "Zuse"};
  private static final String[] COUNTRIES = {
    "DE", "FR", "GB", "US", "CA", "BR", "IN", "JP", "CN", "AU",
    "ES", "IT", "NL", "SE", "PL", "MX", "ZA", "NG", "KR", "AR"};
  private static final String[] WORDS = {
    "async", "database", "query", "index", "schema", "json", "record", "stream", "cache", "plan",
    "join", "filter", "order", "limit", "table", "column", "vector", "batch", "commit", "log",
    "snapshot", "fork", "backup", "restore", "server", "client", "driver", "local", "first",
    "fast", "simple", "durable", "concurrent", "reader", "writer", "field", "value", "key",
    "hash", "range", "scan", "merge", "sort", "group", "count", "sum", "average", "latency",
    "throughput", "memory", "disk", "file", "folder", "project", "release", "notes", "guide",
    "tutorial", "deep", "dive", "why", "how", "when", "what"};

  @Override
  public String name() {
    return "app";
  }

  @Override
  protected int version() {
    return 1;
  }

  /** How many users a dataset of {@code scale} has (at least one). */
  public static long userCount(double scale) {
    return Math.max(1, Math.round(scale * USERS_PER_SCALE));
  }

  /** The earliest {@code createdAt} of a user or post (inclusive). */
  public static Instant firstCreatedAt() {
    return Instant.ofEpochSecond(FIRST_SECOND);
  }

  /** The end of the {@code createdAt} range (exclusive): every value lies before it. */
  public static Instant createdAtEnd() {
    return Instant.ofEpochSecond(LAST_SECOND);
  }

  /** How many posts a dataset of {@code scale} has (at least one). */
  public static long postCount(double scale) {
    return Math.max(1, Math.round(scale * POSTS_PER_SCALE));
  }

  @Override
  protected List<DatasetTable> writeTables(Path dbDir, double scale) throws IOException {
    long users = userCount(scale);
    long posts = postCount(scale);
    Path usersFile = dbDir.resolve("users.json");
    Path postsFile = dbDir.resolve("posts.json");
    writeUsers(usersFile, users);
    writePosts(postsFile, posts, users);
    writeSettings(dbDir.resolve("settings.json"), scale);
    SchemaFile.write(SchemaFile.pathFor(dbDir, "users"), USERS);
    SchemaFile.write(SchemaFile.pathFor(dbDir, "posts"), POSTS);
    return List.of(describe(USERS, usersFile, users), describe(POSTS, postsFile, posts));
  }

  private static void writeUsers(Path file, long count) throws IOException {
    SplittableRandom random = new SplittableRandom(USERS_SEED);
    try (RecordArrayWriter out = RecordArrayWriter.open(file)) {
      for (long n = 1; n <= count; n++) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        double roll = random.nextDouble();
        JsonGenerator g = out.startRecord();
        g.writeStringField("id", "u_" + n);
        g.writeStringField("name", first + " " + last);
        g.writeStringField("email",
            (first + "." + last).toLowerCase(Locale.ROOT) + n + "@example.com");
        g.writeStringField("role", roll < 0.02 ? "admin" : roll < 0.20 ? "editor" : "user");
        g.writeBooleanField("active", random.nextDouble() < 0.85);
        g.writeStringField("createdAt", randomDatetime(random));
        g.writeNumberField("score", random.nextInt(1001));
        g.writeStringField("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        out.endRecord();
      }
    }
  }

  private static void writePosts(Path file, long count, long users) throws IOException {
    SplittableRandom random = new SplittableRandom(POSTS_SEED);
    StringBuilder title = new StringBuilder(64);
    try (RecordArrayWriter out = RecordArrayWriter.open(file)) {
      for (long n = 1; n <= count; n++) {
        double skew = random.nextDouble();
        long user = 1 + Math.min(users - 1, (long) (users * skew * skew));
        title.setLength(0);
        int words = 3 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
          String word = WORDS[random.nextInt(WORDS.length)];
          if (w == 0) {
            title.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
          } else {
            title.append(' ').append(word);
          }
        }
        double roll = random.nextDouble();
        double popularity = random.nextDouble();
        JsonGenerator g = out.startRecord();
        g.writeStringField("id", "p_" + n);
        g.writeStringField("userId", "u_" + user);
        g.writeStringField("title", title.toString());
        g.writeStringField("status",
            roll < 0.15 ? "draft" : roll < 0.85 ? "published" : "archived");
        g.writeNumberField("views", (long) (popularity * popularity * popularity * 100_000));
        g.writeStringField("createdAt", randomDatetime(random));
        out.endRecord();
      }
    }
  }

  private static void writeSettings(Path file, double scale) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode settings = mapper.createObjectNode();
    settings.put("siteName", "Async DB benchmark app");
    settings.put("defaultLocale", "en");
    settings.put("postsPerPage", 20);
    settings.put("maxUploadMb", 25);
    settings.putObject("features").put("comments", true).put("search", true).put("fork", false);
    settings.putObject("dataset").put("scale", scale).put("users", userCount(scale))
        .put("posts", postCount(scale));
    mapper.writeValue(file.toFile(), settings);
  }

  private static String randomDatetime(SplittableRandom random) {
    return Instant.ofEpochSecond(random.nextLong(FIRST_SECOND, LAST_SECOND)).toString();
  }
}
