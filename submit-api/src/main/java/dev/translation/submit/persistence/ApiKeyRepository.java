package dev.translation.submit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code api_keys}. Keys are looked up by the SHA-256 of the secret, never by the secret.
 */
@Repository
public class ApiKeyRepository {

  private final JdbcClient jdbc;

  public ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a key with default limits (NULL overrides) and returns its id.
   *
   * @param manageModels whether the key may change what serves everyone (the job launcher's model
   *     jobs, promotions and rollbacks)
   */
  public long insert(String name, String keyHash, boolean manageModels) {
    GeneratedKeyHolder generated = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO api_keys (name, key_hash, created_at, can_manage_models) VALUES (:name,"
                + " :hash, UTC_TIMESTAMP(6), :models)")
        .param("name", name)
        .param("hash", keyHash)
        .param("models", manageModels)
        .update(generated, "id");
    return generated.getKey().longValue();
  }

  /**
   * Inserts a key only when the table has none, in one statement, so two replicas bootstrapping at
   * once create one key between them. The first key is the operator's: it may manage models.
   */
  public Optional<Long> insertIfTableEmpty(String name, String keyHash) {
    GeneratedKeyHolder generated = new GeneratedKeyHolder();
    int rows =
        jdbc.sql(
                "INSERT INTO api_keys (name, key_hash, created_at, can_manage_models) SELECT"
                    + " :name, :hash, UTC_TIMESTAMP(6), TRUE FROM DUAL WHERE NOT EXISTS (SELECT 1"
                    + " FROM api_keys)")
            .param("name", name)
            .param("hash", keyHash)
            .update(generated, "id");
    return rows == 0 ? Optional.empty() : Optional.of(generated.getKey().longValue());
  }

  /** The key with this hash, unless revoked. */
  public Optional<StoredApiKey> findActiveByHash(String keyHash) {
    return jdbc.sql(
            "SELECT id, name, max_texts_per_request, max_chars_per_text, requests_per_minute"
                + " FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
        .param("hash", keyHash)
        .query(ApiKeyRepository::apiKey)
        .optional();
  }

  /** Revokes a key; true when it was active. */
  public boolean revoke(long id) {
    return jdbc.sql(
                "UPDATE api_keys SET revoked_at = UTC_TIMESTAMP(6) WHERE id = :id AND revoked_at"
                    + " IS NULL")
            .param("id", id)
            .update()
        == 1;
  }

  /** Sets a key's limit overrides; null restores the configured default. */
  public void updateLimits(
      long id, Integer maxTextsPerRequest, Integer maxCharsPerText, Integer requestsPerMinute) {
    jdbc.sql(
            "UPDATE api_keys SET max_texts_per_request = :texts, max_chars_per_text = :chars,"
                + " requests_per_minute = :rate WHERE id = :id")
        .param("texts", maxTextsPerRequest)
        .param("chars", maxCharsPerText)
        .param("rate", requestsPerMinute)
        .param("id", id)
        .update();
  }

  private static StoredApiKey apiKey(ResultSet rs, int row) throws SQLException {
    return new StoredApiKey(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getObject("max_texts_per_request", Integer.class),
        rs.getObject("max_chars_per_text", Integer.class),
        rs.getObject("requests_per_minute", Integer.class));
  }
}
