package dev.translation.submit.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Request rate per API key, a Bucket4j token bucket per key (capacity = the per-minute rate,
 * refilled greedily over a minute, so short bursts up to the rate are fine).
 *
 * <p>Buckets live in this replica's memory: with N replicas behind a load balancer a key gets up to
 * N times its rate. That is the usual trade-off for an abuse guard (no database round trip per
 * request); a hard global quota would use Bucket4j's MySQL proxy manager instead.
 */
@Component
public class RateLimiter {

  private final Map<Long, KeyBucket> buckets = new ConcurrentHashMap<>();

  /**
   * Takes one request from the key's bucket.
   *
   * @return empty when allowed, else how long until a request would be allowed
   */
  public Optional<Duration> tryAcquire(long keyId, int requestsPerMinute) {
    KeyBucket bucket =
        buckets.compute(
            keyId,
            (id, existing) ->
                existing != null && existing.requestsPerMinute == requestsPerMinute
                    ? existing
                    : new KeyBucket(requestsPerMinute, newBucket(requestsPerMinute)));
    ConsumptionProbe probe = bucket.bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private static Bucket newBucket(int requestsPerMinute) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(requestsPerMinute)
                    .refillGreedy(requestsPerMinute, Duration.ofMinutes(1)))
        .build();
  }

  private record KeyBucket(int requestsPerMinute, Bucket bucket) {}
}
