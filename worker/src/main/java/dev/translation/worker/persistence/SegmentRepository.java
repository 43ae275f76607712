package dev.translation.worker.persistence;

import dev.translation.contracts.LanguagePair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Segment rows. Every write is conditional on {@code status = 'PENDING'}, so a redelivered message
 * never overwrites a result and a cancelled segment is never translated.
 */
@Repository
public class SegmentRepository {

  /** Longest error message stored; the rest is cut (the column is TEXT, people read it). */
  static final int MAX_ERROR_CHARS = 2_000;

  private final JdbcTemplate jdbc;

  public SegmentRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The segments among {@code indexesByJob} that are still PENDING, with their stored source text
   * and their job's language pair, in one query; segments or jobs that do not exist are simply
   * absent.
   *
   * @param indexesByJob segment indexes per job id
   */
  public List<PendingSegment> findPending(Map<String, ? extends Collection<Integer>> indexesByJob) {
    List<Object> args = new ArrayList<>();
    StringJoiner conditions = new StringJoiner(" OR ", "(", ")");
    indexesByJob.forEach(
        (jobId, indexes) -> {
          if (!indexes.isEmpty()) {
            conditions.add("(s.job_id = ? AND s.idx IN (" + placeholders(indexes.size()) + "))");
            args.add(jobId);
            args.addAll(indexes);
          }
        });
    if (args.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT s.job_id, s.idx, s.source_text, s.source_hash, j.source_lang, j.target_lang FROM"
            + " segments s JOIN jobs j ON j.id = s.job_id WHERE s.status = 'PENDING' AND "
            + conditions,
        (row, n) ->
            new PendingSegment(
                row.getString(1),
                row.getInt(2),
                row.getString(3),
                row.getString(4),
                new LanguagePair(row.getString(5), row.getString(6))),
        args.toArray());
  }

  /** Writes translations over PENDING rows; returns how many rows changed. */
  public int markDone(List<SegmentOutcome.Done> results) {
    if (results.isEmpty()) {
      return 0;
    }
    int[][] counts =
        jdbc.batchUpdate(
            "UPDATE segments SET status = 'DONE', translation = ?, model_version = ?, error = NULL,"
                + " attempts = attempts + 1 WHERE job_id = ? AND idx = ? AND status = 'PENDING'",
            results,
            results.size(),
            (statement, result) -> {
              statement.setString(1, result.translation());
              statement.setString(2, result.modelVersion());
              statement.setString(3, result.jobId());
              statement.setInt(4, result.index());
            });
    return sum(counts);
  }

  /** Marks PENDING rows FAILED with their error; returns how many rows changed. */
  public int markFailed(List<SegmentOutcome.Failed> results) {
    if (results.isEmpty()) {
      return 0;
    }
    int[][] counts =
        jdbc.batchUpdate(
            "UPDATE segments SET status = 'FAILED', error = ?, attempts = attempts + 1"
                + " WHERE job_id = ? AND idx = ? AND status = 'PENDING'",
            results,
            results.size(),
            (statement, result) -> {
              statement.setString(1, truncate(result.error()));
              statement.setString(2, result.jobId());
              statement.setInt(3, result.index());
            });
    return sum(counts);
  }

  static String truncate(String error) {
    String text = error == null ? "failed" : error;
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private static int sum(int[][] counts) {
    int total = 0;
    for (int[] batch : counts) {
      for (int count : batch) {
        // The driver may answer SUCCESS_NO_INFO (-2) for rewritten batches; rows are then
        // recounted from the table by the job recompute, so only known counts are summed here.
        total += Math.max(count, 0);
      }
    }
    return total;
  }
}
