package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void allowsTheRatePerKeyThenSaysHowLongToWait() {
    RateLimiter limiter = new RateLimiter();

    assertThat(limiter.tryAcquire(1, 2)).isEmpty();
    assertThat(limiter.tryAcquire(1, 2)).isEmpty();
    assertThat(limiter.tryAcquire(1, 2)).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    assertThat(limiter.tryAcquire(2, 2)).as("another key has its own bucket").isEmpty();
    assertThat(limiter.tryAcquire(1, 10)).as("a raised limit takes effect").isEmpty();
  }
}
