package dev.translation.launcher.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may change what serves everyone: API keys with {@code can_manage_models}. Any key may read
 * the registry.
 */
@Component
class ModelManagers {

  private final JdbcClient jdbc;

  ModelManagers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The key's name, to record as who made the change.
   *
   * @throws ForbiddenException when the key may not manage models
   */
  String require(long apiKeyId) {
    return jdbc.sql("SELECT name FROM api_keys WHERE id = :id AND can_manage_models")
        .param("id", apiKeyId)
        .query(String.class)
        .optional()
        .orElseThrow(
            () ->
                new ForbiddenException(
                    "this API key may not manage models: create one with model rights"
                        + " (create-api-key --manage-models)"));
  }

  /** The key may not do this: 403. */
  static final class ForbiddenException extends RuntimeException {
    ForbiddenException(String message) {
      super(message);
    }
  }
}
