package dev.translation.launcher.persistence;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.BatchState;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.corpus.ShardState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code corpus_batches} and {@code corpus_batch_shards}, the runner's side. */
@Repository
public class CorpusBatchRepository {

  private static final int MAX_REASON_LENGTH = 4000;

  private final JdbcClient jdbc;

  public CorpusBatchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The batch, if it exists. */
  public Optional<CorpusBatch> find(String batchId) {
    return findStored(batchId).map(StoredBatch::batch);
  }

  /** The batch with its bookkeeping, if it exists. */
  public Optional<StoredBatch> findStored(String batchId) {
    return jdbc.sql(STORED_BATCH + " WHERE id = :id")
        .param("id", batchId)
        .query(STORED_ROW)
        .optional();
  }

  /**
   * A key's batches, newest first, after the batch {@code (createdAt, id)} when given (keyset
   * paging).
   */
  public List<StoredBatch> listForKey(
      long apiKeyId, Instant beforeCreatedAt, String beforeId, int limit) {
    return jdbc.sql(
            STORED_BATCH
                + " WHERE api_key_id = :key AND (:before IS NULL OR created_at < :before OR"
                + " (created_at = :before AND id < :beforeId)) ORDER BY created_at DESC, id DESC"
                + " LIMIT :limit")
        .param("key", apiKeyId)
        .param(
            "before",
            beforeCreatedAt == null
                ? null
                : LocalDateTime.ofInstant(beforeCreatedAt, ZoneOffset.UTC))
        .param("beforeId", beforeId == null ? "" : beforeId)
        .param("limit", limit)
        .query(STORED_ROW)
        .list();
  }

  /** Batches of an executor that have not finished. */
  public List<StoredBatch> unfinished(String executor) {
    return jdbc.sql(
            STORED_BATCH + " WHERE executor = :executor AND status IN ('QUEUED', 'RUNNING')")
        .param("executor", executor)
        .query(STORED_ROW)
        .list();
  }

  /** Whether an unfinished batch already writes to this output directory. */
  public Optional<String> unfinishedWithOutput(String output) {
    return jdbc.sql(
            "SELECT id FROM corpus_batches WHERE output = :output AND status IN ('QUEUED',"
                + " 'RUNNING') LIMIT 1")
        .param("output", output)
        .query(String.class)
        .optional();
  }

  /** The batch's shards with their jobs' counters. */
  public List<ShardProgress> progress(String batchId) {
    return jdbc.sql(
            "SELECT s.shard_index, s.job_id, s.status, s.attempts, s.phase, s.items_read,"
                + " s.items_total, s.reason, s.summary, s.started_at, s.finished_at,"
                + " COALESCE(j.total_segments, 0) AS total, COALESCE(j.done_segments, 0) AS done,"
                + " COALESCE(j.failed_segments, 0) AS failed FROM corpus_batch_shards s LEFT JOIN"
                + " jobs j ON j.id = s.job_id WHERE s.batch_id = :batch ORDER BY s.shard_index")
        .param("batch", batchId)
        .query(
            (rs, row) ->
                new ShardProgress(
                    StoredShard.ROW_MAPPER.mapRow(rs, row),
                    rs.getInt("total"),
                    rs.getInt("done"),
                    rs.getInt("failed")))
        .list();
  }

  /** Records why an attempt of a shard failed (it is retried). */
  public void attemptFailed(String batchId, int shard, String reason) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET reason = :reason WHERE batch_id = :batch AND"
                + " shard_index = :shard AND status IN ('QUEUED', 'RUNNING')")
        .param("reason", truncate(reason))
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /** Marks every shard that has not finished as {@code state}. */
  public void endUnfinishedShards(String batchId, ShardState state) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET status = :state, phase = NULL, finished_at ="
                + " COALESCE(finished_at, UTC_TIMESTAMP(6)) WHERE batch_id = :batch AND status IN"
                + " ('QUEUED', 'RUNNING')")
        .param("state", state.name())
        .param("batch", batchId)
        .update();
  }

  /** The batch's state. */
  public BatchState state(String batchId) {
    return BatchState.valueOf(
        jdbc.sql("SELECT status FROM corpus_batches WHERE id = :id")
            .param("id", batchId)
            .query(String.class)
            .single());
  }

  /**
   * Counts one more attempt of a shard and marks it (and its batch, unless finished) running.
   *
   * @return the attempt's number, from 1
   */
  public int startAttempt(String batchId, int shard) {
    // The batch row first, as everywhere: the shard that finishes last locks it before the shards.
    jdbc.sql(
            "UPDATE corpus_batches SET status = 'RUNNING', started_at = COALESCE(started_at,"
                + " UTC_TIMESTAMP(6)) WHERE id = :batch AND status IN ('QUEUED', 'RUNNING')")
        .param("batch", batchId)
        .update();
    jdbc.sql(
            "UPDATE corpus_batch_shards SET status = 'RUNNING', attempts = attempts + 1, reason ="
                + " NULL, started_at = COALESCE(started_at, UTC_TIMESTAMP(6)) WHERE batch_id ="
                + " :batch AND shard_index = :shard AND status IN ('QUEUED', 'RUNNING')")
        .param("batch", batchId)
        .param("shard", shard)
        .update();
    return jdbc.sql(
            "SELECT attempts FROM corpus_batch_shards WHERE batch_id = :batch AND shard_index ="
                + " :shard")
        .param("batch", batchId)
        .param("shard", shard)
        .query(Integer.class)
        .single();
  }

  /** Links a shard to the job holding its segments. */
  public void attachJob(String batchId, int shard, String jobId) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET job_id = :job WHERE batch_id = :batch AND shard_index ="
                + " :shard")
        .param("job", jobId)
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /**
   * Records a new batch and its shards, queued.
   *
   * @param priority how urgent it is
   * @param executor {@code LOCAL} or {@code KUBERNETES}
   */
  public void create(CorpusBatch batch, BatchPriority priority, String executor) {
    jdbc.sql(
            "INSERT INTO corpus_batches (id, api_key_id, input, input_format, input_field,"
                + " has_header, output, source_lang, target_lang, priority, shards, executor) VALUES"
                + " (:id, :key, :input, :format, :field, :header, :output, :source, :target,"
                + " :priority, :shards, :executor)")
        .param("id", batch.id())
        .param("key", batch.apiKeyId())
        .param("input", batch.input())
        .param("format", batch.format().name())
        .param("field", batch.field())
        .param("header", batch.hasHeader())
        .param("output", batch.output())
        .param("source", batch.languages().source())
        .param("target", batch.languages().target())
        .param("priority", priority.name())
        .param("shards", batch.shards())
        .param("executor", executor)
        .update();
    for (int shard = 0; shard < batch.shards(); shard++) {
      jdbc.sql("INSERT INTO corpus_batch_shards (batch_id, shard_index) VALUES (:batch, :shard)")
          .param("batch", batch.id())
          .param("shard", shard)
          .update();
    }
  }

  /** Records the step a shard is in. */
  public void phase(String batchId, int shard, String phase) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET phase = :phase WHERE batch_id = :batch AND shard_index"
                + " = :shard")
        .param("phase", phase)
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /** Records how many items the shard reads in all. */
  public void itemsTotal(String batchId, int shard, long total) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET items_total = :total WHERE batch_id = :batch AND"
                + " shard_index = :shard")
        .param("total", total)
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /** Records how far reading got. */
  public void itemsRead(String batchId, int shard, long read) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET items_read = :read WHERE batch_id = :batch AND"
                + " shard_index = :shard")
        .param("read", read)
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /** Marks a shard finished with its summary. */
  public void finishShard(String batchId, int shard, ShardState state, String summary) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET status = :state, summary = :summary, phase = NULL,"
                + " finished_at = UTC_TIMESTAMP(6) WHERE batch_id = :batch AND shard_index ="
                + " :shard AND status IN ('QUEUED', 'RUNNING')")
        .param("state", state.name())
        .param("summary", summary)
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /** Marks a shard failed for good, with the reason. */
  public void failShard(String batchId, int shard, String reason) {
    jdbc.sql(
            "UPDATE corpus_batch_shards SET status = 'FAILED', reason = :reason, finished_at ="
                + " COALESCE(finished_at, UTC_TIMESTAMP(6)) WHERE batch_id = :batch AND"
                + " shard_index = :shard AND status NOT IN ('SUCCEEDED', 'CANCELLED')")
        .param("reason", truncate(reason))
        .param("batch", batchId)
        .param("shard", shard)
        .update();
  }

  /**
   * Locks the batch row for the rest of the transaction, so the shard that finishes last (and only
   * that one) sees every other shard finished.
   */
  public BatchState lock(String batchId) {
    return BatchState.valueOf(
        jdbc.sql("SELECT status FROM corpus_batches WHERE id = :id FOR UPDATE")
            .param("id", batchId)
            .query(String.class)
            .single());
  }

  /** The batch's shards in index order. */
  public List<StoredShard> shards(String batchId) {
    return shards(batchId, "");
  }

  /**
   * The batch's shards as last committed, locked: a plain read in a longer transaction may see an
   * older snapshot, and the shard that finishes last must see every other shard's finish.
   */
  public List<StoredShard> shardsForUpdate(String batchId) {
    return shards(batchId, " FOR UPDATE");
  }

  private List<StoredShard> shards(String batchId, String locking) {
    return jdbc.sql(
            "SELECT shard_index, job_id, status, attempts, phase, items_read, items_total, reason,"
                + " summary, started_at, finished_at FROM corpus_batch_shards WHERE batch_id ="
                + " :batch ORDER BY shard_index"
                + locking)
        .param("batch", batchId)
        .query(StoredShard.ROW_MAPPER)
        .list();
  }

  /** Records the batch's final state, reason and merged summary. */
  public void finish(String batchId, BatchState state, String reason, String summary) {
    jdbc.sql(
            "UPDATE corpus_batches SET status = :state, reason = :reason, summary = :summary,"
                + " finished_at = COALESCE(finished_at, UTC_TIMESTAMP(6)) WHERE id = :id AND status"
                + " NOT IN ('SUCCEEDED', 'PARTIALLY_FAILED', 'FAILED', 'CANCELLED')")
        .param("state", state.name())
        .param("reason", truncate(reason))
        .param("summary", summary)
        .param("id", batchId)
        .update();
  }

  private static final String STORED_BATCH =
      "SELECT id, api_key_id, input, input_format, input_field, has_header, output, source_lang,"
          + " target_lang, shards, priority, executor, status, reason, summary, created_at,"
          + " started_at, finished_at FROM corpus_batches";

  private static final RowMapper<StoredBatch> STORED_ROW =
      (rs, row) ->
          new StoredBatch(
              new CorpusBatch(
                  rs.getString("id"),
                  rs.getLong("api_key_id"),
                  rs.getString("input"),
                  CorpusFormat.valueOf(rs.getString("input_format")),
                  rs.getString("input_field"),
                  rs.getBoolean("has_header"),
                  rs.getString("output"),
                  new LanguagePair(rs.getString("source_lang"), rs.getString("target_lang")),
                  rs.getInt("shards")),
              BatchPriority.valueOf(rs.getString("priority")),
              rs.getString("executor"),
              BatchState.valueOf(rs.getString("status")),
              rs.getString("reason"),
              rs.getString("summary"),
              StoredShard.instant(rs.getObject("created_at", LocalDateTime.class)),
              StoredShard.instant(rs.getObject("started_at", LocalDateTime.class)),
              StoredShard.instant(rs.getObject("finished_at", LocalDateTime.class)));

  private static String truncate(String reason) {
    return reason == null || reason.length() <= MAX_REASON_LENGTH
        ? reason
        : reason.substring(0, MAX_REASON_LENGTH);
  }
}
