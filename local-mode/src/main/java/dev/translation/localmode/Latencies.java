package dev.translation.localmode;

import java.util.Arrays;

/**
 * Percentiles of request latencies, by the nearest-rank method (p99 of 200 requests is the second
 * slowest).
 */
record Latencies(double p50, double p95, double p99) {

  static Latencies of(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Latencies(percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
  }

  private static double percentile(double[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
