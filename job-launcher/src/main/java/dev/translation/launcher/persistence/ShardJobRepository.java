package dev.translation.launcher.persistence;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.SegmentStatus;
import dev.translation.launcher.corpus.CorpusBatch;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the translation job that holds one shard's segments: an ordinary job (so the API shows
 * its progress), owned by the batch's API key, on the batch lane. Its segment counters grow with
 * each committed read chunk, in the same transaction as the segments they count.
 */
@Repository
public class ShardJobRepository {

  private static final int SEGMENT_BATCH = 1000;
  private static final int LOOKUP_SLICE = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  public ShardJobRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Creates the shard's job unless an earlier attempt did. */
  public void createIfMissing(String jobId, CorpusBatch batch) {
    jdbc.sql(
            "INSERT INTO jobs (id, api_key_id, status, source_lang, target_lang, lane,"
                + " total_segments, total_texts, created_at) VALUES (:id, :key, 'QUEUED', :source,"
                + " :target, :lane, 0, 0, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE id = id")
        .param("id", jobId)
        .param("key", batch.apiKeyId())
        .param("source", batch.languages().source())
        .param("target", batch.languages().target())
        .param("lane", Lane.BATCH.name())
        .update();
  }

  /**
   * Adds a chunk's segments and grows the job's counters by them; segments the translation memory
   * answered are written done.
   *
   * @param texts texts the chunk added
   */
  public void addSegments(String jobId, List<NewSegment> segments, int texts) {
    jdbcTemplate.batchUpdate(
        "INSERT INTO segments (job_id, idx, text_idx, line_breaks, source_text, source_hash,"
            + " status, translation, model_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        segments,
        SEGMENT_BATCH,
        (PreparedStatement ps, NewSegment segment) -> {
          ps.setString(1, jobId);
          ps.setInt(2, segment.index());
          ps.setInt(3, segment.textIndex());
          ps.setInt(4, segment.lineBreaks());
          ps.setString(5, segment.text());
          ps.setString(6, segment.sourceHash());
          ps.setString(7, segment.remembered() ? "DONE" : "PENDING");
          ps.setString(8, segment.translation());
          ps.setString(9, segment.modelVersion());
        });
    long remembered = segments.stream().filter(NewSegment::remembered).count();
    jdbc.sql(
            "UPDATE jobs SET total_segments = total_segments + :segments, total_texts ="
                + " total_texts + :texts, done_segments = done_segments + :done WHERE id = :id")
        .param("segments", segments.size())
        .param("texts", texts)
        .param("done", remembered)
        .param("id", jobId)
        .update();
  }

  /**
   * The translation memory's entries for these sources by {@code modelVersion}, by hash. An entry
   * whose stored source differs from the one asked for (a hash collision) is left out.
   */
  public Map<String, String> remembered(
      String languagePair, String modelVersion, Map<String, String> sourcesByHash) {
    if (sourcesByHash.isEmpty()) {
      return Map.of();
    }
    Map<String, String> found = new HashMap<>();
    List<String> hashes = new ArrayList<>(sourcesByHash.keySet());
    // In slices, so a chunk of many segments never makes one statement larger than the server
    // takes.
    for (int from = 0; from < hashes.size(); from += LOOKUP_SLICE) {
      jdbc.sql(
              "SELECT source_hash, source_text, translation FROM translation_memory WHERE lang_pair"
                  + " = :pair AND model_version = :model AND source_hash IN (:hashes)")
          .param("pair", languagePair)
          .param("model", modelVersion)
          .param("hashes", hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_SLICE)))
          .query(
              rs -> {
                String hash = rs.getString(1);
                if (rs.getString(2).equals(sourcesByHash.get(hash))) {
                  found.put(hash, rs.getString(3));
                }
              });
    }
    return found;
  }

  /** Counts the hits the memory served, as the workers count theirs. */
  public void countHits(String languagePair, String modelVersion, Map<String, Integer> hitsByHash) {
    jdbcTemplate.batchUpdate(
        "UPDATE translation_memory SET hits = hits + ? WHERE source_hash = ? AND lang_pair = ? AND"
            + " model_version = ?",
        new ArrayList<>(hitsByHash.entrySet()),
        SEGMENT_BATCH,
        (ps, hit) -> {
          ps.setInt(1, hit.getValue());
          ps.setString(2, hit.getKey());
          ps.setString(3, languagePair);
          ps.setString(4, modelVersion);
        });
  }

  /**
   * The active model version of a language pair ({@code de-en}), as {@code name@version} (as
   * segments record it), when the registry has a rollout for the pair.
   */
  public Optional<String> activeModelVersion(String languagePair) {
    LanguagePair languages = LanguagePair.parse(languagePair);
    return jdbc.sql(
            "SELECT active_model FROM model_rollouts WHERE source_lang = :source AND target_lang ="
                + " :target")
        .param("source", languages.source())
        .param("target", languages.target())
        .query(String.class)
        .optional();
  }

  /** Pending segments after {@code afterIndex}, in index order, as (index, source length) pairs. */
  public List<int[]> pendingAfter(String jobId, int afterIndex, int limit) {
    return jdbc.sql(
            "SELECT idx, CHAR_LENGTH(source_text) FROM segments WHERE job_id = :job AND idx >"
                + " :after AND status = 'PENDING' ORDER BY idx LIMIT :limit")
        .param("job", jobId)
        .param("after", afterIndex)
        .param("limit", limit)
        .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .list();
  }

  /** Segments from {@code fromIndex} on, in index order, at most {@code limit}. */
  public List<ShardSegment> segmentsFrom(String jobId, int fromIndex, int limit) {
    return jdbc.sql(
            "SELECT idx, text_idx, line_breaks, source_text, status, translation, model_version,"
                + " error FROM segments WHERE job_id = :job AND idx >= :from ORDER BY idx LIMIT"
                + " :limit")
        .param("job", jobId)
        .param("from", fromIndex)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new ShardSegment(
                    rs.getInt(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    rs.getString(4),
                    SegmentStatus.valueOf(rs.getString(5)),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)))
        .list();
  }

  /**
   * A job's oldest message Kafka has not taken yet.
   *
   * @param since when it was written to the outbox
   * @param lastError the relay's last error on it, if any
   */
  public record UnsentMessage(Instant since, String lastError) {}

  /** The job's oldest outbox message not yet published, if any. */
  public Optional<UnsentMessage> oldestUnsentMessage(String jobId) {
    return jdbc.sql(
            "SELECT created_at, last_error FROM outbox WHERE aggregate_id = :job AND published_at"
                + " IS NULL ORDER BY id LIMIT 1")
        .param("job", jobId)
        .query(
            (rs, row) ->
                new UnsentMessage(
                    rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                    rs.getString("last_error")))
        .optional();
  }

  /** The job's counters, recounted from its segments. */
  public JobCounts counts(String jobId) {
    return jdbc.sql(
            "SELECT j.total_segments, COALESCE(SUM(s.status = 'DONE'), 0), COALESCE(SUM(s.status"
                + " = 'FAILED'), 0), COALESCE(SUM(s.status = 'CANCELLED'), 0) FROM jobs j LEFT"
                + " JOIN segments s ON s.job_id = j.id WHERE j.id = :id GROUP BY j.total_segments")
        .param("id", jobId)
        .query((rs, row) -> new JobCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
        .single();
  }

  /** The job's status. */
  public JobStatus status(String jobId) {
    return JobStatus.valueOf(
        jdbc.sql("SELECT status FROM jobs WHERE id = :id")
            .param("id", jobId)
            .query(String.class)
            .single());
  }

  /**
   * Closes a job that no worker will close: one whose every segment the memory answered, or that
   * has none. Locks the row, so a worker's own recount cannot interleave.
   */
  public void finishIfComplete(String jobId) {
    jdbc.sql("SELECT status FROM jobs WHERE id = :id FOR UPDATE")
        .param("id", jobId)
        .query(String.class)
        .single();
    JobCounts counts = counts(jobId);
    if (counts.pending() > 0) {
      return;
    }
    JobStatus status =
        counts.done() + counts.failed() == 0
            ? (counts.total() == 0 ? JobStatus.SUCCEEDED : JobStatus.CANCELLED)
            : JobStatus.completedWith(counts.done(), counts.failed());
    jdbc.sql(
            "UPDATE jobs SET status = CASE WHEN status = 'CANCELLED' THEN status ELSE :status END,"
                + " done_segments = :done, failed_segments = :failed, cancelled_segments ="
                + " :cancelled, started_at = COALESCE(started_at, UTC_TIMESTAMP(6)), finished_at ="
                + " COALESCE(finished_at, UTC_TIMESTAMP(6)) WHERE id = :id")
        .param("status", status.name())
        .param("done", counts.done())
        .param("failed", counts.failed())
        .param("cancelled", counts.cancelled())
        .param("id", jobId)
        .update();
  }

  /** Cancels what the workers have not translated yet; returns how many segments it cancelled. */
  public int cancelPending(Collection<String> jobIds) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    int cancelled =
        jdbc.sql(
                "UPDATE segments SET status = 'CANCELLED' WHERE job_id IN (:ids) AND status = 'PENDING'")
            .param("ids", jobIds)
            .update();
    jdbc.sql("DELETE FROM outbox WHERE aggregate_id IN (:ids) AND published_at IS NULL")
        .param("ids", jobIds)
        .update();
    for (String jobId : jobIds) {
      jdbc.sql(
              "UPDATE jobs j SET cancelled_segments = (SELECT COUNT(*) FROM segments s WHERE"
                  + " s.job_id = j.id AND s.status = 'CANCELLED'), status = CASE WHEN status IN"
                  + " ('SUCCEEDED', 'PARTIALLY_FAILED', 'FAILED') THEN status ELSE 'CANCELLED' END,"
                  + " finished_at = COALESCE(finished_at, UTC_TIMESTAMP(6)) WHERE id = :id")
          .param("id", jobId)
          .update();
    }
    return cancelled;
  }
}
