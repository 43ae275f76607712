package dev.translation.submit.security;

import dev.translation.submit.config.ApiProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the per-key request rate, after {@link ApiKeyInterceptor} has authenticated the caller
 * and before the body is read. The body size limit applies to every request, in a servlet filter.
 */
@Component
public class RequestLimitInterceptor implements HandlerInterceptor {

  private final RateLimiter rateLimiter;
  private final ApiProperties properties;

  public RequestLimitInterceptor(RateLimiter rateLimiter, ApiProperties properties) {
    this.rateLimiter = rateLimiter;
    this.properties = properties;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    ApiKey key = (ApiKey) request.getAttribute(ApiKeyInterceptor.ATTRIBUTE);
    int rate = key.limits(properties.limits()).requestsPerMinute();
    rateLimiter
        .tryAcquire(key.id(), rate)
        .ifPresent(
            wait -> {
              throw new RateLimitExceededException(wait, rate);
            });
    return true;
  }
}
