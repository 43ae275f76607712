package dev.translation.worker.persistence;

import dev.translation.contracts.JobStatus;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of job rows: locking a job while its segments are written, and recomputing its
 * counters and status from the segments table. Creating and reading jobs is the submit API's.
 */
@Repository
public class JobProgressRepository {

  private final JdbcTemplate jdbc;

  public JobProgressRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the job row for the rest of the transaction, so writers of one job (this worker, the
   * dead-letter listener, a cancel) recount its segments one after another.
   *
   * @return the job's status, or empty when the job no longer exists
   */
  public Optional<JobStatus> lock(String jobId) {
    return jdbc
        .query(
            "SELECT status FROM jobs WHERE id = ? FOR UPDATE",
            (row, n) -> JobStatus.valueOf(row.getString(1)),
            jobId)
        .stream()
        .findFirst();
  }

  /**
   * Recounts the job's segments and stores counters, status and timestamps. Call with the row
   * locked ({@link #lock}) in a READ COMMITTED transaction, so the counts see every committed
   * segment write.
   *
   * @return the status the job has now
   */
  public JobStatus recompute(String jobId, JobStatus current) {
    JobProgress progress =
        jdbc.queryForObject(
            "SELECT j.total_segments,"
                + " COALESCE(SUM(s.status = 'DONE'), 0),"
                + " COALESCE(SUM(s.status = 'FAILED'), 0),"
                + " COALESCE(SUM(s.status = 'CANCELLED'), 0)"
                + " FROM jobs j LEFT JOIN segments s ON s.job_id = j.id"
                + " WHERE j.id = ? GROUP BY j.total_segments",
            (row, n) -> new JobProgress(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4)),
            jobId);
    JobStatus next = progress.nextStatus(current);
    jdbc.update(
        "UPDATE jobs SET done_segments = ?, failed_segments = ?, cancelled_segments = ?,"
            + " status = ?,"
            + " started_at = COALESCE(started_at, UTC_TIMESTAMP(6)),"
            + " finished_at = CASE WHEN ? THEN COALESCE(finished_at, UTC_TIMESTAMP(6))"
            + " ELSE finished_at END"
            + " WHERE id = ?",
        progress.done(),
        progress.failed(),
        progress.cancelled(),
        next.name(),
        next.isTerminal(),
        jobId);
    return next;
  }
}
