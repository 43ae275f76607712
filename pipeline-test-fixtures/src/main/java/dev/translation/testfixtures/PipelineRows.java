package dev.translation.testfixtures;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows written the way the app that owns them writes them, for the tests of the other app: the
 * worker's tests need jobs as the submit API stores them, the API's tests need results as the
 * worker stores them. The SQL is that of submit-api's {@code ApiKeyRepository.insert} and {@code
 * JobRepository.insert}, and of the worker's {@code ResultStore} ({@code JobRepository.lock},
 * {@code SegmentRepository.markDone} / {@code markFailed}, {@code JobRepository.recompute}); when
 * those change, this changes with them.
 */
public final class PipelineRows {

  /** The worker's {@code SegmentRepository.MAX_ERROR_CHARS}. */
  private static final int MAX_ERROR_CHARS = 2_000;

  private final DataSource dataSource;

  /**
   * Writes through {@code dataSource}, a database migrated with {@code database-schema}.
   *
   * @param dataSource the application's data source
   */
  public PipelineRows(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * An API key with the API's configured default limits (no overrides), as the API stores a new
   * key; nobody knows its secret.
   *
   * @param name the key's name
   * @return the key's id
   */
  public long insertApiKey(String name) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO api_keys (name, key_hash, created_at) VALUES (?, ?,"
                    + " UTC_TIMESTAMP(6))",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setString(2, Sha256.hex(UUID.randomUUID().toString()));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert API key " + name, e);
    }
  }

  /**
   * A QUEUED job whose texts are one sentence each, so each text is one PENDING segment, written in
   * one transaction as the API writes an accepted job. No outbox row: the test publishes the job's
   * messages itself.
   *
   * @param apiKeyId the owner, e.g. from {@link #insertApiKey}
   * @param languages the job's language pair
   * @param lane the lane the API would route the job to
   * @param sentences the texts, one sentence each
   * @return the new job's id
   */
  public String insertJob(
      long apiKeyId, LanguagePair languages, Lane lane, List<String> sentences) {
    String jobId = UUID.randomUUID().toString();
    inTransaction(
        connection -> {
          try (PreparedStatement job =
              connection.prepareStatement(
                  "INSERT INTO jobs (id, api_key_id, idempotency_key, request_hash, status,"
                      + " source_lang, target_lang, lane, model_hint, total_segments, total_texts,"
                      + " created_at) VALUES (?, ?, NULL, ?, 'QUEUED', ?, ?, ?, NULL, ?, ?, ?)")) {
            job.setString(1, jobId);
            job.setLong(2, apiKeyId);
            // The API hashes its canonical request, which no reader but the API's idempotency
            // check looks at; a hash of the texts stands in for it.
            job.setString(3, Sha256.hex(String.join("\n", sentences)));
            job.setString(4, languages.source());
            job.setString(5, languages.target());
            job.setString(6, lane.name());
            job.setInt(7, sentences.size());
            job.setInt(8, sentences.size());
            job.setObject(
                9,
                LocalDateTime.ofInstant(
                    Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            job.executeUpdate();
          }
          try (PreparedStatement segments =
              connection.prepareStatement(
                  "INSERT INTO segments (job_id, idx, text_idx, line_breaks, source_text,"
                      + " source_hash, status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')")) {
            for (int index = 0; index < sentences.size(); index++) {
              segments.setString(1, jobId);
              segments.setInt(2, index);
              segments.setInt(3, index);
              segments.setInt(4, 0);
              segments.setString(5, sentences.get(index));
              segments.setString(6, Sha256.hex(sentences.get(index)));
              segments.addBatch();
            }
            segments.executeBatch();
          }
        });
    return jobId;
  }

  /**
   * One segment translated, as a worker stores a result: the segment if it is still PENDING, then
   * the job's counters and status recounted, all in one transaction.
   *
   * @param jobId the job
   * @param index the segment's index
   * @param translation the translation
   * @param modelVersion the model that produced it, as {@code name:version}
   */
  public void translateSegment(String jobId, int index, String translation, String modelVersion) {
    writeResult(
        jobId,
        connection -> {
          try (PreparedStatement done =
              connection.prepareStatement(
                  "UPDATE segments SET status = 'DONE', translation = ?, model_version = ?,"
                      + " error = NULL, attempts = attempts + 1 WHERE job_id = ? AND idx = ? AND"
                      + " status = 'PENDING'")) {
            done.setString(1, translation);
            done.setString(2, modelVersion);
            done.setString(3, jobId);
            done.setInt(4, index);
            done.executeUpdate();
          }
        });
  }

  /**
   * One segment failed for good, as a worker stores a failure: the segment if it is still PENDING,
   * then the job's counters and status recounted, all in one transaction.
   *
   * @param jobId the job
   * @param index the segment's index
   * @param error why it failed
   */
  public void failSegment(String jobId, int index, String error) {
    writeResult(
        jobId,
        connection -> {
          try (PreparedStatement failed =
              connection.prepareStatement(
                  "UPDATE segments SET status = 'FAILED', error = ?, attempts = attempts + 1"
                      + " WHERE job_id = ? AND idx = ? AND status = 'PENDING'")) {
            failed.setString(1, truncate(error));
            failed.setString(2, jobId);
            failed.setInt(3, index);
            failed.executeUpdate();
          }
        });
  }

  /** Locks the job, writes, recounts: the worker's order, at its isolation level. */
  private void writeResult(String jobId, SqlWork segmentWrite) {
    inTransaction(
        connection -> {
          Optional<JobStatus> current = lock(connection, jobId);
          if (current.isEmpty()) {
            return; // the worker drops results of a job that no longer exists
          }
          segmentWrite.run(connection);
          recompute(connection, jobId, current.get());
        });
  }

  private static Optional<JobStatus> lock(Connection connection, String jobId) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT status FROM jobs WHERE id = ? FOR UPDATE")) {
      lock.setString(1, jobId);
      try (ResultSet rows = lock.executeQuery()) {
        return rows.next() ? Optional.of(JobStatus.valueOf(rows.getString(1))) : Optional.empty();
      }
    }
  }

  private static void recompute(Connection connection, String jobId, JobStatus current)
      throws SQLException {
    int total;
    int done;
    int failed;
    int cancelled;
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT j.total_segments,"
                + " COALESCE(SUM(s.status = 'DONE'), 0),"
                + " COALESCE(SUM(s.status = 'FAILED'), 0),"
                + " COALESCE(SUM(s.status = 'CANCELLED'), 0)"
                + " FROM jobs j LEFT JOIN segments s ON s.job_id = j.id"
                + " WHERE j.id = ? GROUP BY j.total_segments")) {
      count.setString(1, jobId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        total = rows.getInt(1);
        done = rows.getInt(2);
        failed = rows.getInt(3);
        cancelled = rows.getInt(4);
      }
    }
    JobStatus next = nextStatus(current, total, done, failed, cancelled);
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE jobs SET done_segments = ?, failed_segments = ?, cancelled_segments = ?,"
                + " status = ?,"
                + " started_at = COALESCE(started_at, UTC_TIMESTAMP(6)),"
                + " finished_at = CASE WHEN ? THEN COALESCE(finished_at, UTC_TIMESTAMP(6))"
                + " ELSE finished_at END"
                + " WHERE id = ?")) {
      update.setInt(1, done);
      update.setInt(2, failed);
      update.setInt(3, cancelled);
      update.setString(4, next.name());
      update.setBoolean(5, next.isTerminal());
      update.setString(6, jobId);
      update.executeUpdate();
    }
  }

  /** The worker's {@code JobProgress.nextStatus}. */
  private static JobStatus nextStatus(
      JobStatus current, int total, int done, int failed, int cancelled) {
    if (current == JobStatus.CANCELLED) {
      return JobStatus.CANCELLED;
    }
    if (done + failed + cancelled < total) {
      return JobStatus.RUNNING;
    }
    if (done + failed == 0) {
      return JobStatus.CANCELLED;
    }
    return JobStatus.completedWith(done, failed);
  }

  /** The worker's {@code SegmentRepository.truncate}. */
  private static String truncate(String error) {
    String text = error == null ? "failed" : error;
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }

  /**
   * Runs {@code work} in one transaction at READ COMMITTED, the worker's level: its recount must
   * see segment writes that other transactions committed meanwhile. For inserts the level is moot.
   */
  private void inTransaction(SqlWork work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write rows", e);
    }
  }

  @FunctionalInterface
  private interface SqlWork {
    void run(Connection connection) throws SQLException;
  }
}
