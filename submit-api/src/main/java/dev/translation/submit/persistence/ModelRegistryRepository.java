package dev.translation.submit.persistence;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the model registry ({@code model_rollouts}, {@code model_versions}). The job launcher
 * writes it; the submit API only shows it.
 */
@Repository
public class ModelRegistryRepository {

  private final JdbcClient jdbc;

  public ModelRegistryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every language pair's rollout, by source and target language. */
  public List<StoredRollout> rollouts() {
    return jdbc.sql(
            "SELECT source_lang, target_lang, active_model, canary_model, canary_percent,"
                + " revision, updated_at FROM model_rollouts ORDER BY source_lang, target_lang")
        .query(
            (rs, row) ->
                new StoredRollout(
                    rs.getString("source_lang"),
                    rs.getString("target_lang"),
                    rs.getString("active_model"),
                    rs.getString("canary_model"),
                    rs.getObject("canary_percent", Integer.class),
                    rs.getLong("revision"),
                    SubmittedJobRepository.instant(rs, "updated_at")))
        .list();
  }

  /** The versions with these model ids, by model id. */
  public Map<String, StoredModelVersion> versions(Collection<String> modelIds) {
    Map<String, StoredModelVersion> versions = new LinkedHashMap<>();
    if (modelIds.isEmpty()) {
      return versions;
    }
    jdbc.sql(
            "SELECT model_id, name, version, state, registered_at, state_changed_at, metrics,"
                + " lineage FROM model_versions WHERE model_id IN (:ids)")
        .param("ids", modelIds)
        .query(
            rs -> {
              versions.put(
                  rs.getString("model_id"),
                  new StoredModelVersion(
                      rs.getString("model_id"),
                      rs.getString("name"),
                      rs.getString("version"),
                      rs.getString("state"),
                      SubmittedJobRepository.instant(rs, "registered_at"),
                      SubmittedJobRepository.instant(rs, "state_changed_at"),
                      rs.getString("metrics"),
                      rs.getString("lineage")));
            });
    return versions;
  }
}
