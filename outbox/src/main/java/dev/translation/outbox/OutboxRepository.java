package dev.translation.outbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL for the transactional {@code outbox} table (its schema is in {@code database-schema}). An app
 * writes its messages with {@link #insertAll} in the transaction that stores the work they stand
 * for, so a crash or a Kafka outage between that commit and the publish loses nothing; {@link
 * OutboxRelay} publishes them later.
 *
 * <p>Every method runs in the caller's transaction when there is one, through Spring's {@code
 * DataSourceUtils}, as any {@link JdbcTemplate} does.
 */
public class OutboxRepository {

  private static final int MAX_ERROR_LENGTH = 2000;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  /**
   * @param jdbcTemplate on the database that holds the {@code outbox} table and the app's own rows
   */
  public OutboxRepository(JdbcTemplate jdbcTemplate) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
  }

  /**
   * An unpublished outbox row.
   *
   * @param id row id, publishing order
   * @param jobId the job it belongs to
   * @param topic where it goes
   * @param key the record key
   * @param payload the JSON to send
   * @param createdAt when it was written, in the transaction that accepted its work
   */
  public record PendingMessage(
      long id, String jobId, String topic, String key, String payload, Instant createdAt) {}

  /** Inserts the messages (batched), in the caller's transaction. */
  public void insertAll(List<OutboxMessage> messages) {
    jdbcTemplate.batchUpdate(
        "INSERT INTO outbox (aggregate_id, topic, message_key, payload, created_at) VALUES (?, ?,"
            + " ?, ?, UTC_TIMESTAMP(6))",
        messages,
        500,
        (ps, message) -> {
          ps.setString(1, message.jobId());
          ps.setString(2, message.topic());
          ps.setString(3, message.key());
          ps.setString(4, message.payload());
        });
  }

  /**
   * Locks up to {@code limit} unpublished rows for these topics, oldest first, skipping rows
   * another relay holds. Must run in a transaction; the locks last until it ends.
   */
  public List<PendingMessage> claimUnpublished(int limit, Collection<String> topics) {
    return jdbc.sql(
            "SELECT id, aggregate_id, topic, message_key, payload, created_at FROM outbox WHERE"
                + " published_at IS NULL AND topic IN (:topics) ORDER BY id LIMIT :limit FOR"
                + " UPDATE SKIP LOCKED")
        .param("limit", limit)
        .param("topics", topics)
        .query(
            (rs, row) ->
                new PendingMessage(
                    rs.getLong("id"),
                    rs.getString("aggregate_id"),
                    rs.getString("topic"),
                    rs.getString("message_key"),
                    rs.getString("payload"),
                    rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
        .list();
  }

  /** Marks rows as published. */
  public void markPublished(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE outbox SET published_at = UTC_TIMESTAMP(6), attempts = attempts + 1 WHERE id"
                + " IN (:ids)")
        .param("ids", ids)
        .update();
  }

  /** Records a failed attempt on rows that stay unpublished. */
  public void recordFailure(Collection<Long> ids, String error) {
    if (ids.isEmpty()) {
      return;
    }
    String message =
        error == null || error.length() <= MAX_ERROR_LENGTH
            ? error
            : error.substring(0, MAX_ERROR_LENGTH);
    jdbc.sql("UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id IN (:ids)")
        .param("error", message)
        .param("ids", ids)
        .update();
  }

  /** Rows not published yet. */
  public long countUnpublished() {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")
        .query(Long.class)
        .single();
  }

  /** Drops a cancelled job's messages that were not sent yet, so no worker gets them. */
  public int deleteUnpublished(String jobId) {
    return jdbc.sql("DELETE FROM outbox WHERE aggregate_id = :id AND published_at IS NULL")
        .param("id", jobId)
        .update();
  }

  /** Deletes up to {@code limit} rows published before {@code cutoff}; returns how many. */
  public int purgePublishedBefore(Instant cutoff, int limit) {
    return jdbc.sql(
            "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < :cutoff LIMIT"
                + " :limit")
        .param("cutoff", LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .param("limit", limit)
        .update();
  }
}
