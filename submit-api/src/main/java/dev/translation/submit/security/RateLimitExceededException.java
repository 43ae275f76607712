package dev.translation.submit.security;

import java.time.Duration;

/** The key has used up its request rate: 429 with Retry-After. */
public class RateLimitExceededException extends RuntimeException {

  private final Duration retryAfter;
  private final int requestsPerMinute;

  public RateLimitExceededException(Duration retryAfter, int requestsPerMinute) {
    super(
        "rate limit of "
            + requestsPerMinute
            + " requests per minute for this API key exceeded; retry in "
            + Math.max(1, retryAfter.toSeconds())
            + " s");
    this.retryAfter = retryAfter;
    this.requestsPerMinute = requestsPerMinute;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public int requestsPerMinute() {
    return requestsPerMinute;
  }
}
