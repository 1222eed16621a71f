package dev.asyncdb.bench.workload.mix;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A {@code createdAt} range of a range query, both ends inclusive, in UTC as the dataset writes it.
 *
 * @param from the first instant in the range
 * @param to the last instant in the range
 */
public record Window(LocalDateTime from, LocalDateTime to) {

  /**
   * Checks one answer of the range query: at most {@link LoadSql#RANGE_LIMIT} rows, each created
   * inside the window, ordered by {@code createdAt} then id; returns the ids.
   */
  public List<String> check(List<String> ids, List<LocalDateTime> createdAt) throws WrongAnswer {
    if (ids.size() > LoadSql.RANGE_LIMIT) {
      throw new WrongAnswer("range " + this + " returned " + ids.size() + " rows, more than LIMIT " + LoadSql.RANGE_LIMIT);
    }
    for (int i = 0; i < ids.size(); i++) {
      LocalDateTime at = createdAt.get(i);
      if (at == null || at.isBefore(from) || at.isAfter(to)) {
        throw new WrongAnswer("range " + this + " returned " + ids.get(i) + " created at " + at + ", outside the range");
      }
      if (i > 0) {
        int order = at.compareTo(createdAt.get(i - 1));
        if (order < 0 || order == 0 && ids.get(i).compareTo(ids.get(i - 1)) <= 0) {
          throw new WrongAnswer("range " + this + " is not ordered by createdAt, id: " + ids.get(i - 1) + " ("
              + createdAt.get(i - 1) + ") before " + ids.get(i) + " (" + at + ")");
        }
      }
    }
    return ids;
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + "]";
  }
}
