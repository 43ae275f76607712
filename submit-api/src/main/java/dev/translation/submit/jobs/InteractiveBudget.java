package dev.translation.submit.jobs;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many segments each API key may put on the interactive lane per minute. Jobs beyond a key's
 * budget are not refused, they go to the batch lane: so a key that bursts many small jobs cannot
 * fill the lane that other keys' single sentences travel on.
 *
 * <p>Kept in this replica's memory, like the request rate: with N replicas a key gets up to N times
 * its budget.
 */
final class InteractiveBudget {

  private final int segmentsPerMinute;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param segmentsPerMinute each key's budget; 0 or less means unlimited
   */
  InteractiveBudget(int segmentsPerMinute) {
    this.segmentsPerMinute = segmentsPerMinute;
  }

  /** Takes {@code segments} from the key's budget if it has them all; else takes nothing. */
  boolean tryTake(long apiKeyId, int segments) {
    if (segmentsPerMinute <= 0) {
      return true;
    }
    Bucket bucket =
        buckets.computeIfAbsent(
            apiKeyId,
            id ->
                Bucket.builder()
                    .addLimit(
                        limit ->
                            limit
                                .capacity(segmentsPerMinute)
                                .refillGreedy(segmentsPerMinute, Duration.ofMinutes(1)))
                    .build());
    return bucket.tryConsume(segments);
  }
}
