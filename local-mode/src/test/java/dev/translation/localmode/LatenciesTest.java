package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRanksOfTheSortedLatencies() {
    double[] millis = new double[200];
    for (int i = 0; i < millis.length; i++) {
      millis[i] = 200 - i; // unsorted: 200, 199, ..., 1
    }

    Latencies latencies = Latencies.of(millis);

    assertThat(latencies.p50()).isEqualTo(100);
    assertThat(latencies.p95()).isEqualTo(190);
    assertThat(latencies.p99()).isEqualTo(198);
    assertThat(millis[0]).as("the caller's array is left as it was").isEqualTo(200);
  }

  @Test
  void aSingleLatencyIsEveryPercentile() {
    Latencies latencies = Latencies.of(new double[] {42});

    assertThat(latencies.p50()).isEqualTo(42);
    assertThat(latencies.p99()).isEqualTo(42);
  }
}
