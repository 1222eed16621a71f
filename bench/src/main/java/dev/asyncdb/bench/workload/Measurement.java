package dev.asyncdb.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median, minimum and maximum of a figure over the measured runs. */
public record Measurement(double median, double min, double max, int runs) {

  /** Summarizes the figures of the measured runs (at least one). */
  public static Measurement of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1
        ? sorted.get(n / 2)
        : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Measurement(median, sorted.get(0), sorted.get(n - 1), n);
  }
}
