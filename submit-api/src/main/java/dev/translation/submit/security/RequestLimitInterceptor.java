package dev.translation.submit.security;

import dev.translation.submit.config.ApiProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the per-key request rate and the request size limit, after {@link ApiKeyInterceptor} has
 * authenticated the caller and before the body is read. Bodies without a Content-Length are bounded
 * by {@link RequestBodyLimitFilter} while they are read.
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
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws RequestTooLargeException {
    ApiKey key = (ApiKey) request.getAttribute(ApiKeyInterceptor.ATTRIBUTE);
    int rate = key.limits(properties.limits()).requestsPerMinute();
    rateLimiter
        .tryAcquire(key.id(), rate)
        .ifPresent(
            wait -> {
              throw new RateLimitExceededException(wait, rate);
            });
    long limit = properties.limits().maxRequestSize().toBytes();
    if (request.getContentLengthLong() > limit) {
      throw new RequestTooLargeException(limit);
    }
    return true;
  }
}
