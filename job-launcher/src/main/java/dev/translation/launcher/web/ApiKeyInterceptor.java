package dev.translation.launcher.web;

import dev.translation.contracts.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /v1} request by the same API keys as the submit API ({@code
 * Authorization: Bearer <key>} or {@code X-API-Key: <key>}), so a batch's shards are jobs of the
 * key that launched it and show in that key's job list.
 */
class ApiKeyInterceptor implements HandlerInterceptor {

  static final String API_KEY_ID = ApiKeyInterceptor.class.getName() + ".keyId";
  private static final String API_KEY_HEADER = "X-API-Key";

  private final JdbcClient jdbc;

  ApiKeyInterceptor(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String key = presentedKey(request);
    if (key == null) {
      throw new UnauthorizedException(
          "missing API key: send 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'");
    }
    Optional<Long> id =
        jdbc.sql("SELECT id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
            .param("hash", Sha256.hex(key))
            .query(Long.class)
            .optional();
    request.setAttribute(
        API_KEY_ID, id.orElseThrow(() -> new UnauthorizedException("unknown or revoked API key")));
    return true;
  }

  private static String presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).strip();
      return key.isEmpty() ? null : key;
    }
    String header = request.getHeader(API_KEY_HEADER);
    return header == null || header.isBlank() ? null : header.strip();
  }

  /** No valid key: 401. */
  static final class UnauthorizedException extends RuntimeException {
    UnauthorizedException(String message) {
      super(message);
    }
  }
}
