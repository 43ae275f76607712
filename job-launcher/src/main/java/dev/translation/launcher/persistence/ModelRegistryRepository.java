package dev.translation.launcher.persistence;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.launcher.models.ModelState;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.models.Rollout;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the model registry: {@code model_versions}, {@code model_rollouts} and its history. */
@Repository
public class ModelRegistryRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VERSION_COLUMNS =
      "SELECT model_id, name, version, source_lang, target_lang, bundle_uri, checksums, metrics,"
          + " lineage, state, canary_percent, launched_by, registered_at, state_changed_at FROM"
          + " model_versions";
  private static final RowMapper<ModelVersion> VERSION_ROW = ModelRegistryRepository::version;
  private static final String ROLLOUT_COLUMNS =
      "SELECT source_lang, target_lang, active_model, canary_model, canary_percent, revision,"
          + " updated_at FROM model_rollouts";
  private static final RowMapper<Rollout> ROLLOUT_ROW = ModelRegistryRepository::rollout;

  private final JdbcClient jdbc;

  public ModelRegistryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds a version; fails with a duplicate key when its id (or name and version) exists. */
  public void insert(ModelVersion model) {
    jdbc.sql(
            "INSERT INTO model_versions (model_id, name, version, source_lang, target_lang,"
                + " bundle_uri, checksums, metrics, lineage, state, canary_percent, launched_by,"
                + " registered_at, state_changed_at) VALUES (:id, :name, :version, :source,"
                + " :target, :uri, :checksums, :metrics, :lineage, :state, :percent, :by,"
                + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")
        .param("id", model.modelId())
        .param("name", model.name())
        .param("version", model.version())
        .param("source", model.languages().source())
        .param("target", model.languages().target())
        .param("uri", model.bundleUri().toString())
        .param("checksums", JSON.writeValueAsString(model.checksums()))
        .param("metrics", JSON.writeValueAsString(model.metrics()))
        .param("lineage", JSON.writeValueAsString(model.lineage()))
        .param("state", model.state().name())
        .param("percent", model.canaryPercent())
        .param("by", model.launchedBy())
        .update();
  }

  public Optional<ModelVersion> find(String modelId) {
    return jdbc.sql(VERSION_COLUMNS + " WHERE model_id = :id")
        .param("id", modelId)
        .query(VERSION_ROW)
        .optional();
  }

  /** Every version, newest registration first. */
  public List<ModelVersion> list() {
    return jdbc.sql(VERSION_COLUMNS + " ORDER BY registered_at DESC, model_id")
        .query(VERSION_ROW)
        .list();
  }

  /** Sets a version's state (and canary share, null outside a canary). */
  public void setState(String modelId, ModelState state, Integer canaryPercent) {
    jdbc.sql(
            "UPDATE model_versions SET state = :state, canary_percent = :percent,"
                + " state_changed_at = UTC_TIMESTAMP(6) WHERE model_id = :id")
        .param("state", state.name())
        .param("percent", canaryPercent)
        .param("id", modelId)
        .update();
  }

  /** Every pair's rollout. */
  public List<Rollout> rollouts() {
    return jdbc.sql(ROLLOUT_COLUMNS + " ORDER BY source_lang, target_lang")
        .query(ROLLOUT_ROW)
        .list();
  }

  /** The pair's rollout, locked until the transaction ends (changes to it are serialised). */
  public Optional<Rollout> lockRollout(LanguagePair languages) {
    return jdbc.sql(
            ROLLOUT_COLUMNS + " WHERE source_lang = :source AND target_lang = :target FOR UPDATE")
        .param("source", languages.source())
        .param("target", languages.target())
        .query(ROLLOUT_ROW)
        .optional();
  }

  /**
   * Creates the pair's first rollout; fails with a duplicate key when another launcher created it
   * first.
   */
  public void createRollout(Rollout rollout) {
    jdbc.sql(
            "INSERT INTO model_rollouts (source_lang, target_lang, active_model, canary_model,"
                + " canary_percent, revision, updated_at) VALUES (:source, :target, :active,"
                + " :canary, :percent, :revision, UTC_TIMESTAMP(6))")
        .param("source", rollout.languages().source())
        .param("target", rollout.languages().target())
        .param("active", rollout.activeModel())
        .param("canary", rollout.canaryModel())
        .param("percent", rollout.canaryPercent())
        .param("revision", rollout.revision())
        .update();
  }

  /** Replaces the pair's rollout (locked by {@link #lockRollout} in this transaction). */
  public void updateRollout(Rollout rollout) {
    jdbc.sql(
            "UPDATE model_rollouts SET active_model = :active, canary_model = :canary,"
                + " canary_percent = :percent, revision = :revision, updated_at ="
                + " UTC_TIMESTAMP(6) WHERE source_lang = :source AND target_lang = :target")
        .param("source", rollout.languages().source())
        .param("target", rollout.languages().target())
        .param("active", rollout.activeModel())
        .param("canary", rollout.canaryModel())
        .param("percent", rollout.canaryPercent())
        .param("revision", rollout.revision())
        .update();
  }

  /** Records a change of the pair's rollout. */
  public void recordHistory(Rollout rollout, String action, String changedBy) {
    jdbc.sql(
            "INSERT INTO model_rollout_history (source_lang, target_lang, revision, action,"
                + " active_model, canary_model, canary_percent, changed_by, changed_at) VALUES"
                + " (:source, :target, :revision, :action, :active, :canary, :percent, :by,"
                + " UTC_TIMESTAMP(6))")
        .param("source", rollout.languages().source())
        .param("target", rollout.languages().target())
        .param("revision", rollout.revision())
        .param("action", action)
        .param("active", rollout.activeModel())
        .param("canary", rollout.canaryModel())
        .param("percent", rollout.canaryPercent())
        .param("by", changedBy)
        .update();
  }

  /**
   * The version that was active before {@code current} was last promoted (or registered) for the
   * pair: where a rollback goes. A version that only came back by a rollback is not "promoted", so
   * rolling back twice after promoting A, B, C goes to B, then to A, never forward to C.
   */
  public Optional<String> previousActive(LanguagePair languages, String current, long revision) {
    Optional<Long> promoted =
        jdbc.sql(
                "SELECT MAX(revision) FROM model_rollout_history WHERE source_lang = :source AND"
                    + " target_lang = :target AND active_model = :current AND revision <= :revision"
                    + " AND action IN ('PROMOTE', 'REGISTER_STARTER')")
            .param("source", languages.source())
            .param("target", languages.target())
            .param("current", current)
            .param("revision", revision)
            .query(Long.class)
            .optional();
    if (promoted.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT active_model FROM model_rollout_history WHERE source_lang = :source AND"
                + " target_lang = :target AND revision < :promoted AND active_model <> :current"
                + " ORDER BY revision DESC LIMIT 1")
        .param("source", languages.source())
        .param("target", languages.target())
        .param("promoted", promoted.get())
        .param("current", current)
        .query(String.class)
        .optional();
  }

  private static ModelVersion version(ResultSet row, int n) throws SQLException {
    return new ModelVersion(
        row.getString("model_id"),
        row.getString("name"),
        row.getString("version"),
        new LanguagePair(row.getString("source_lang"), row.getString("target_lang")),
        URI.create(row.getString("bundle_uri")),
        JSON.readValue(row.getString("checksums"), new TypeReference<Map<String, String>>() {}),
        JSON.readValue(
            row.getString("metrics"), new TypeReference<List<ModelManifest.Metric>>() {}),
        JSON.readValue(row.getString("lineage"), new TypeReference<Map<String, Object>>() {}),
        ModelState.valueOf(row.getString("state")),
        (Integer) row.getObject("canary_percent", Integer.class),
        row.getString("launched_by"),
        instant(row, "registered_at"),
        instant(row, "state_changed_at"));
  }

  private static Rollout rollout(ResultSet row, int n) throws SQLException {
    return new Rollout(
        new LanguagePair(row.getString("source_lang"), row.getString("target_lang")),
        row.getString("active_model"),
        row.getString("canary_model"),
        row.getObject("canary_percent", Integer.class),
        row.getLong("revision"),
        instant(row, "updated_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    LocalDateTime value = row.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
