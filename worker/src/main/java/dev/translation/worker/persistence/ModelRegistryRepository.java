package dev.translation.worker.persistence;

import dev.translation.contracts.LanguagePair;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's read of the model registry (written by the job launcher): what serves its language
 * pair, and where each of those versions' bundle is with the checksums it must have.
 */
@Repository
public class ModelRegistryRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> CHECKSUMS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;

  public ModelRegistryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A registered version as a worker needs it.
   *
   * @param modelId {@code name@version}
   * @param bundleUri where its bundle is
   * @param checksums SHA-256 of every file of the bundle, {@code model.json} included
   */
  public record RegisteredVersion(String modelId, URI bundleUri, Map<String, String> checksums) {}

  /**
   * A language pair's rollout.
   *
   * @param active the version outside the canary
   * @param canary the canary, or null
   * @param canaryPercent its share of segments, 0 without a canary
   * @param revision one higher with every change
   */
  public record Rollout(
      RegisteredVersion active, RegisteredVersion canary, int canaryPercent, long revision) {}

  /** The pair's rollout, or empty when the registry has none for it (a fresh install). */
  public Optional<Rollout> find(LanguagePair languages) {
    return jdbc
        .query(
            "SELECT r.revision, r.canary_percent, a.model_id AS active_id, a.bundle_uri AS"
                + " active_uri, a.checksums AS active_checksums, c.model_id AS canary_id,"
                + " c.bundle_uri AS canary_uri, c.checksums AS canary_checksums FROM"
                + " model_rollouts r JOIN model_versions a ON a.model_id = r.active_model LEFT"
                + " JOIN model_versions c ON c.model_id = r.canary_model WHERE r.source_lang = ?"
                + " AND r.target_lang = ?",
            (row, n) ->
                new Rollout(
                    version(row, "active"),
                    row.getString("canary_id") == null ? null : version(row, "canary"),
                    row.getInt("canary_percent"),
                    row.getLong("revision")),
            languages.source(),
            languages.target())
        .stream()
        .findFirst();
  }

  private static RegisteredVersion version(ResultSet row, String role) throws SQLException {
    return new RegisteredVersion(
        row.getString(role + "_id"),
        URI.create(row.getString(role + "_uri")),
        JSON.readValue(row.getString(role + "_checksums"), CHECKSUMS));
  }
}
