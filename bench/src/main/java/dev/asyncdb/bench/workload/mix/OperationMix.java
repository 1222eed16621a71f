package dev.asyncdb.bench.workload.mix;

import dev.asyncdb.bench.data.AppDatasetGenerator;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * W11's mix over the app dataset, drawn per client from its own seeded generator: by default 80%
 * point lookups of a random post, 15% range queries over a random {@code createdAt} window sized
 * to hold about {@value #ROWS_PER_WINDOW} posts (the generator spreads {@code createdAt} evenly
 * over six years, so {@code LIMIT 20} usually fills at any scale), and 5% inserts.
 */
public final class OperationMix {
  static final int ROWS_PER_WINDOW = 25;

  /**
   * The percentage of each kind of operation.
   *
   * @param lookups point lookups
   * @param ranges range queries
   * @param inserts inserts
   */
  public record Shares(int lookups, int ranges, int inserts) {
    /** The mix of the issue: 80% lookups, 15% range queries, 5% inserts. */
    public static final Shares DEFAULT = new Shares(80, 15, 5);

    public Shares {
      if (lookups < 0 || ranges < 0 || inserts < 0 || lookups + ranges + inserts != 100) {
        throw new IllegalArgumentException("the mix must be three percentages that add up to 100, got "
            + lookups + "," + ranges + "," + inserts);
      }
    }

    /** Parses {@code 80,15,5} (lookups, range queries, inserts). */
    public static Shares parse(String text) {
      String[] parts = text.split(",");
      if (parts.length != 3) {
        throw new IllegalArgumentException("the mix is three percentages, lookups,ranges,inserts (such as 80,15,5), not " + text);
      }
      int[] values = new int[3];
      for (int i = 0; i < 3; i++) {
        try {
          values[i] = Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("the mix is three whole percentages, lookups,ranges,inserts (such as 80,15,5), not " + text);
        }
      }
      return new Shares(values[0], values[1], values[2]);
    }

    /** The percentage of {@code op}. */
    public int of(Operation op) {
      return switch (op) {
        case LOOKUP -> lookups;
        case RANGE -> ranges;
        case INSERT -> inserts;
      };
    }

    @Override
    public String toString() {
      return lookups + "% point lookups, " + ranges + "% range queries, " + inserts + "% inserts";
    }
  }

  private final Shares shares;
  private final long posts;
  private final long firstSecond;
  private final long spanSeconds;
  private final long windowSeconds;

  /** The mix over a dataset of {@code posts} posts ({@code p_1} … {@code p_<posts>}). */
  public OperationMix(Shares shares, long posts) {
    if (posts < 1) {
      throw new IllegalArgumentException("the mix needs at least one post, got " + posts);
    }
    this.shares = shares;
    this.posts = posts;
    this.firstSecond = AppDatasetGenerator.firstCreatedAt().getEpochSecond();
    this.spanSeconds = AppDatasetGenerator.createdAtEnd().getEpochSecond() - firstSecond;
    this.windowSeconds = Math.max(1, Math.min(spanSeconds, spanSeconds * ROWS_PER_WINDOW / posts));
  }

  /** The shares of this mix. */
  public Shares shares() {
    return shares;
  }

  /** The next operation, in the proportions of the shares. */
  public Operation next(SplittableRandom random) {
    int roll = random.nextInt(100);
    return roll < shares.lookups() ? Operation.LOOKUP : roll < shares.lookups() + shares.ranges() ? Operation.RANGE : Operation.INSERT;
  }

  /** A random existing post id. */
  public String postId(SplittableRandom random) {
    return "p_" + (1 + random.nextLong(posts));
  }

  /** A random window of {@link #windowLength()} inside the dataset's {@code createdAt} range. */
  public Window window(SplittableRandom random) {
    long from = firstSecond + random.nextLong(spanSeconds - windowSeconds + 1);
    return new Window(LocalDateTime.ofEpochSecond(from, 0, ZoneOffset.UTC),
        LocalDateTime.ofEpochSecond(from + windowSeconds, 0, ZoneOffset.UTC));
  }

  /** How long a range query's window is. */
  public Duration windowLength() {
    return Duration.ofSeconds(windowSeconds);
  }
}
