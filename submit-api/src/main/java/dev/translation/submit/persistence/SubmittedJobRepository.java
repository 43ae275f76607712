package dev.translation.submit.persistence;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.Sha256;
import dev.translation.documents.DocumentFormat;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The submit side's SQL for {@code jobs} and {@code segments}: writes accepted jobs, reads them
 * back for their owners and cancels them (workers write the results through their own repository).
 * Every DATETIME holds UTC (schema convention): this class writes {@code UTC_TIMESTAMP(6)} and
 * reads {@link LocalDateTime} as UTC, so neither the JVM's nor the server's time zone matters.
 */
@Repository
public class SubmittedJobRepository {

  /** A job's columns with its file's, when it was submitted as one, from {@link #JOBS}. */
  private static final String JOB_COLUMNS =
      "id, status, lane, source_lang, target_lang, model_hint, total_segments, total_texts,"
          + " done_segments,"
          + " failed_segments, cancelled_segments, created_at, started_at, finished_at,"
          + " request_hash, d.file_name, d.format, d.output_format, d.size_bytes, d.sha256";

  private static final String JOBS = " FROM jobs LEFT JOIN job_documents d ON d.job_id = jobs.id";

  private static final int SEGMENT_BATCH = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  public SubmittedJobRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /**
   * Inserts the job row and its segments (batched). Runs inside the caller's transaction.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the key already used this
   *     Idempotency-Key
   */
  public void insert(PlannedJob job) {
    jdbc.sql(
            "INSERT INTO jobs (id, api_key_id, idempotency_key, request_hash, status, source_lang,"
                + " target_lang, lane, model_hint, total_segments, total_texts, created_at,"
                + " finished_at) VALUES (:id, :key, :idempotencyKey, :hash, :status, :source,"
                + " :target, :lane, :model, :total, :texts, :createdAt, :finishedAt)")
        .param("id", job.id())
        .param("key", job.apiKeyId())
        .param("idempotencyKey", job.idempotencyKey())
        .param("hash", job.requestHash())
        // A document with nothing to translate is done the moment it is accepted.
        .param("status", job.segments().isEmpty() ? "SUCCEEDED" : "QUEUED")
        .param(
            "finishedAt",
            job.segments().isEmpty()
                ? LocalDateTime.ofInstant(job.acceptedAt(), ZoneOffset.UTC)
                : null)
        .param("source", job.source())
        .param("target", job.target())
        .param("lane", job.lane().name())
        .param("model", job.modelHint())
        .param("total", job.segments().size())
        .param("texts", job.totalTexts())
        .param("createdAt", LocalDateTime.ofInstant(job.acceptedAt(), ZoneOffset.UTC))
        .update();
    List<PlannedSegment> segments = job.segments();
    jdbcTemplate.batchUpdate(
        "INSERT INTO segments (job_id, idx, text_idx, line_breaks, source_text, source_hash,"
            + " status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')",
        indexes(segments.size()),
        SEGMENT_BATCH,
        (PreparedStatement ps, Integer index) -> {
          PlannedSegment segment = segments.get(index);
          ps.setString(1, job.id());
          ps.setInt(2, index);
          ps.setInt(3, segment.textIndex());
          ps.setInt(4, segment.lineBreaks());
          ps.setString(5, segment.text());
          ps.setString(6, Sha256.hex(segment.text()));
        });
  }

  /** The job if it exists and belongs to the key. */
  public Optional<StoredJob> findOwned(String jobId, long apiKeyId) {
    return jdbc.sql("SELECT " + JOB_COLUMNS + JOBS + " WHERE id = :id AND api_key_id = :key")
        .param("id", jobId)
        .param("key", apiKeyId)
        .query(SubmittedJobRepository::job)
        .optional();
  }

  /** Like {@link #findOwned} but locks the row until the transaction ends. */
  public Optional<StoredJob> findOwnedForUpdate(String jobId, long apiKeyId) {
    return jdbc.sql(
            "SELECT " + JOB_COLUMNS + JOBS + " WHERE id = :id AND api_key_id = :key FOR UPDATE")
        .param("id", jobId)
        .param("key", apiKeyId)
        .query(SubmittedJobRepository::job)
        .optional();
  }

  /** The key's job submitted with this Idempotency-Key. */
  public Optional<StoredJob> findByIdempotencyKey(long apiKeyId, String idempotencyKey) {
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + JOBS
                + " WHERE api_key_id = :key AND idempotency_key = :idempotencyKey")
        .param("key", apiKeyId)
        .param("idempotencyKey", idempotencyKey)
        .query(SubmittedJobRepository::job)
        .optional();
  }

  /** A page of the key's jobs, newest first. */
  public List<StoredJob> findPage(long apiKeyId, int offset, int limit) {
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + JOBS
                + " WHERE api_key_id = :key ORDER BY created_at DESC, id DESC"
                + " LIMIT :limit OFFSET :offset")
        .param("key", apiKeyId)
        .param("limit", limit)
        .param("offset", offset)
        .query(SubmittedJobRepository::job)
        .list();
  }

  /** How many jobs the key has. */
  public long count(long apiKeyId) {
    return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE api_key_id = :key")
        .param("key", apiKeyId)
        .query(Long.class)
        .single();
  }

  /** Distinct model versions of each job's translated segments, sorted. */
  public Map<String, List<String>> modelVersions(Collection<String> jobIds) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return versions;
    }
    jdbc.sql(
            "SELECT DISTINCT job_id, model_version FROM segments WHERE job_id IN (:ids) AND"
                + " model_version IS NOT NULL ORDER BY job_id, model_version")
        .param("ids", jobIds)
        .query(
            rs -> {
              versions
                  .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                  .add(rs.getString(2));
            });
    return versions;
  }

  /** The source text of each of the job's segments, in index order. */
  public List<String> sourceTexts(String jobId) {
    return jdbc.sql("SELECT source_text FROM segments WHERE job_id = :id ORDER BY idx")
        .param("id", jobId)
        .query((rs, row) -> rs.getString(1))
        .list();
  }

  /** The job's segments in index order. */
  public List<StoredSegment> segments(String jobId) {
    return jdbc.sql(
            "SELECT idx, text_idx, line_breaks, status, translation, error, model_version FROM"
                + " segments WHERE job_id = :id ORDER BY idx")
        .param("id", jobId)
        .query(
            (rs, row) ->
                new StoredSegment(
                    rs.getInt("idx"),
                    rs.getInt("text_idx"),
                    rs.getInt("line_breaks"),
                    SegmentStatus.valueOf(rs.getString("status")),
                    rs.getString("translation"),
                    rs.getString("error"),
                    rs.getString("model_version")))
        .list();
  }

  /** The segments of one of the job's texts, with their source texts, in index order. */
  public List<StoredSentence> sentencesOfText(String jobId, int textIndex) {
    return jdbc.sql(
            "SELECT idx, text_idx, line_breaks, status, translation, error, model_version,"
                + " source_text FROM segments WHERE job_id = :id AND text_idx = :text ORDER BY idx")
        .param("id", jobId)
        .param("text", textIndex)
        .query(
            (rs, row) ->
                new StoredSentence(
                    new StoredSegment(
                        rs.getInt("idx"),
                        rs.getInt("text_idx"),
                        rs.getInt("line_breaks"),
                        SegmentStatus.valueOf(rs.getString("status")),
                        rs.getString("translation"),
                        rs.getString("error"),
                        rs.getString("model_version")),
                    rs.getString("source_text")))
        .list();
  }

  /** Just the job's status, for waiting. */
  public Optional<JobStatus> status(String jobId) {
    return jdbc.sql("SELECT status FROM jobs WHERE id = :id")
        .param("id", jobId)
        .query((rs, row) -> JobStatus.valueOf(rs.getString(1)))
        .optional();
  }

  /**
   * Cancels the job's pending segments and the job itself; the caller holds the job's row lock.
   *
   * @return how many segments were cancelled
   */
  public int cancel(String jobId) {
    int cancelled =
        jdbc.sql(
                "UPDATE segments SET status = 'CANCELLED' WHERE job_id = :id AND status ="
                    + " 'PENDING'")
            .param("id", jobId)
            .update();
    jdbc.sql(
            "UPDATE jobs SET status = 'CANCELLED', cancelled_segments = cancelled_segments +"
                + " :cancelled, finished_at = UTC_TIMESTAMP(6) WHERE id = :id")
        .param("cancelled", cancelled)
        .param("id", jobId)
        .update();
    return cancelled;
  }

  private static List<Integer> indexes(int count) {
    List<Integer> indexes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indexes.add(i);
    }
    return indexes;
  }

  private static StoredJob job(ResultSet rs, int row) throws SQLException {
    return new StoredJob(
        rs.getString("id"),
        JobStatus.valueOf(rs.getString("status")),
        Lane.valueOf(rs.getString("lane")),
        rs.getString("source_lang"),
        rs.getString("target_lang"),
        rs.getString("model_hint"),
        rs.getInt("total_segments"),
        rs.getInt("total_texts"),
        rs.getInt("done_segments"),
        rs.getInt("failed_segments"),
        rs.getInt("cancelled_segments"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("request_hash"),
        rs.getString("file_name") == null
            ? null
            : new StoredDocument(
                rs.getString("file_name"),
                DocumentFormat.valueOf(rs.getString("format")),
                DocumentFormat.valueOf(rs.getString("output_format")),
                rs.getLong("size_bytes"),
                rs.getString("sha256")));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
