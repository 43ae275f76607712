package dev.translation.submit.security;

import dev.translation.submit.config.ApiProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per client address, a Bucket4j token bucket per address that only failures
 * draw from: an address over its budget is refused before its key is looked up, so keys cannot be
 * guessed at speed, while any number of requests with a valid key cost nothing.
 *
 * <p>Behind a reverse proxy every client has the proxy's address unless the server is told to trust
 * its forwarded headers ({@code server.forward-headers-strategy=native}); buckets are per replica.
 */
@Component
public class FailedAuthenticationLimiter {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final int perMinute;

  public FailedAuthenticationLimiter(ApiProperties properties) {
    this.perMinute = properties.limits().failedAuthenticationsPerMinute();
  }

  /** Failed authentications allowed per address and minute. */
  public int perMinute() {
    return perMinute;
  }

  /**
   * Whether this address may try to authenticate now.
   *
   * @return empty when it may, else how long until it may try again
   */
  public Optional<Duration> blockedFor(String address) {
    Bucket bucket = buckets.get(address);
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Counts one failed authentication from this address. */
  public void recordFailure(String address) {
    buckets.computeIfAbsent(address, unused -> newBucket()).tryConsume(1);
  }

  /** Forgets addresses whose budget has refilled, so the map holds only recent failures. */
  @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
  void forgetRecoveredAddresses() {
    buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }
}
