package dev.translation.submit.security;

import java.time.Duration;

/** The client's address has failed to authenticate too often: 429 with Retry-After. */
public class TooManyFailedAuthenticationsException extends RuntimeException {

  private final Duration retryAfter;

  public TooManyFailedAuthenticationsException(Duration retryAfter, int perMinute) {
    super(
        "too many failed authentications from this address (at most "
            + perMinute
            + " per minute); retry in "
            + Math.max(1, (retryAfter.toMillis() + 999) / 1000)
            + " s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
