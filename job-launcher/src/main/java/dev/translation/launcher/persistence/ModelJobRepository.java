package dev.translation.launcher.persistence;

import dev.translation.launcher.models.ModelJob;
import dev.translation.launcher.models.ModelJobRequest;
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

/** SQL for {@code model_jobs}: the launcher's and the runner's side. */
@Repository
public class ModelJobRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_REASON_LENGTH = 4000;
  private static final String COLUMNS =
      "SELECT id, kind, api_key_id, launched_by, request, status, phase, progress, result,"
          + " model_id, reason, attempts, created_at, started_at, finished_at FROM model_jobs";
  private static final RowMapper<ModelJob> ROW = ModelJobRepository::row;
  private static final String UNFINISHED = "status IN ('QUEUED', 'RUNNING')";

  private final JdbcClient jdbc;

  public ModelJobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void create(
      String id,
      String kind,
      long apiKeyId,
      String launchedBy,
      ModelJobRequest request,
      String executor) {
    jdbc.sql(
            "INSERT INTO model_jobs (id, kind, api_key_id, launched_by, request, executor) VALUES"
                + " (:id, :kind, :key, :by, :request, :executor)")
        .param("id", id)
        .param("kind", kind)
        .param("key", apiKeyId)
        .param("by", launchedBy)
        .param("request", JSON.writeValueAsString(request))
        .param("executor", executor)
        .update();
  }

  public Optional<ModelJob> find(String id) {
    return jdbc.sql(COLUMNS + " WHERE id = :id").param("id", id).query(ROW).optional();
  }

  /** The newest jobs first. */
  public List<ModelJob> list(int limit) {
    return jdbc.sql(COLUMNS + " ORDER BY created_at DESC, id DESC LIMIT :limit")
        .param("limit", limit)
        .query(ROW)
        .list();
  }

  /** Jobs of this executor that have not ended. */
  public List<ModelJob> unfinished(String executor) {
    return jdbc.sql(COLUMNS + " WHERE executor = :executor AND " + UNFINISHED)
        .param("executor", executor)
        .query(ROW)
        .list();
  }

  /** An attempt (a process or pod) started: RUNNING, one more attempt. */
  public void attemptStarted(String id) {
    jdbc.sql(
            "UPDATE model_jobs SET status = 'RUNNING', attempts = attempts + 1, started_at ="
                + " COALESCE(started_at, UTC_TIMESTAMP(6)) WHERE id = :id AND "
                + UNFINISHED)
        .param("id", id)
        .update();
  }

  /** The step running now. */
  public void phase(String id, String phase) {
    jdbc.sql("UPDATE model_jobs SET phase = :phase WHERE id = :id")
        .param("phase", phase)
        .param("id", id)
        .update();
  }

  /** The latest progress report. */
  public void progress(String id, Map<String, Object> progress) {
    jdbc.sql("UPDATE model_jobs SET progress = :progress WHERE id = :id")
        .param("progress", JSON.writeValueAsString(progress))
        .param("id", id)
        .update();
  }

  /** What the job found so far (scores, verdict), and the version it registered, if any. */
  public void result(String id, Map<String, Object> result, String modelId) {
    jdbc.sql(
            "UPDATE model_jobs SET result = :result, model_id = COALESCE(:model, model_id) WHERE"
                + " id = :id")
        .param("result", JSON.writeValueAsString(result))
        .param("model", modelId)
        .param("id", id)
        .update();
  }

  /**
   * Ends the job with {@code status} unless it has ended already.
   *
   * @return whether this call ended it
   */
  public boolean finish(String id, String status, String reason) {
    return jdbc.sql(
                "UPDATE model_jobs SET status = :status, reason = :reason, finished_at ="
                    + " UTC_TIMESTAMP(6) WHERE id = :id AND "
                    + UNFINISHED)
            .param("status", status)
            .param("reason", truncate(reason))
            .param("id", id)
            .update()
        == 1;
  }

  /** Records why an attempt failed, while the job goes on. */
  public void attemptFailed(String id, String reason) {
    jdbc.sql("UPDATE model_jobs SET reason = :reason WHERE id = :id AND " + UNFINISHED)
        .param("reason", truncate(reason))
        .param("id", id)
        .update();
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= MAX_REASON_LENGTH
        ? reason
        : reason.substring(0, MAX_REASON_LENGTH);
  }

  private static ModelJob row(ResultSet row, int n) throws SQLException {
    return new ModelJob(
        row.getString("id"),
        row.getString("kind"),
        row.getLong("api_key_id"),
        row.getString("launched_by"),
        JSON.readValue(row.getString("request"), ModelJobRequest.class),
        row.getString("status"),
        row.getString("phase"),
        json(row.getString("progress")),
        json(row.getString("result")),
        row.getString("model_id"),
        row.getString("reason"),
        row.getInt("attempts"),
        instant(row, "created_at"),
        instant(row, "started_at"),
        instant(row, "finished_at"));
  }

  private static Map<String, Object> json(String text) {
    return text == null ? null : JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    LocalDateTime value = row.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
