package dev.translation.submit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /v1} request by its API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}) and leaves the {@link ApiKey} in a request attribute. An interceptor
 * rather than a servlet filter so that a rejection travels through the same exception handler as
 * every other error and becomes the same kind of problem detail. Failures count against the client
 * address's {@link FailedAuthenticationLimiter} budget, which is checked before any key lookup.
 */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

  /** Request attribute holding the authenticated {@link ApiKey}. */
  public static final String ATTRIBUTE = ApiKey.class.getName();

  /** Alternative header for clients that cannot set Authorization. */
  public static final String API_KEY_HEADER = "X-API-Key";

  static final String MDC_KEY = "apiKey";

  private final ApiKeyService keys;
  private final FailedAuthenticationLimiter failures;

  public ApiKeyInterceptor(ApiKeyService keys, FailedAuthenticationLimiter failures) {
    this.keys = keys;
    this.failures = failures;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String address = request.getRemoteAddr();
    failures
        .blockedFor(address)
        .ifPresent(
            wait -> {
              throw new TooManyFailedAuthenticationsException(wait, failures.perMinute());
            });
    String secret = presentedKey(request);
    if (secret == null) {
      failures.recordFailure(address);
      throw new ApiKeyRejectedException(
          "missing API key: send 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'",
          false);
    }
    ApiKey key = keys.authenticate(secret).orElse(null);
    if (key == null) {
      failures.recordFailure(address);
      throw new ApiKeyRejectedException("the API key is invalid or revoked", true);
    }
    request.setAttribute(ATTRIBUTE, key);
    MDC.put(MDC_KEY, Long.toString(key.id()));
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    MDC.remove(MDC_KEY);
  }

  private static String presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      String trimmed = authorization.strip();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
        return trimmed.substring("bearer ".length()).strip();
      }
      return trimmed; // a wrong scheme is a bad key, not a missing one
    }
    String header = request.getHeader(API_KEY_HEADER);
    return header == null || header.isBlank() ? null : header.strip();
  }
}
