package dev.translation.launcher.persistence;

import dev.translation.launcher.corpus.ShardState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.RowMapper;

/**
 * A shard as stored.
 *
 * @param index its index
 * @param jobId the translation job holding its segments, once its first attempt started
 * @param state where it stands
 * @param attempts processes started for it
 * @param phase the step its runner is in
 * @param itemsRead lines or documents read so far
 * @param itemsTotal lines or documents in all, once known
 * @param reason why it failed
 * @param summary its summary (JSON), once it finished
 * @param startedAt when its first attempt started
 * @param finishedAt when it finished
 */
public record StoredShard(
    int index,
    String jobId,
    ShardState state,
    int attempts,
    String phase,
    long itemsRead,
    Long itemsTotal,
    String reason,
    String summary,
    Instant startedAt,
    Instant finishedAt) {

  static final RowMapper<StoredShard> ROW_MAPPER =
      (rs, row) ->
          new StoredShard(
              rs.getInt("shard_index"),
              rs.getString("job_id"),
              ShardState.valueOf(rs.getString("status")),
              rs.getInt("attempts"),
              rs.getString("phase"),
              rs.getLong("items_read"),
              rs.getObject("items_total", Long.class),
              rs.getString("reason"),
              rs.getString("summary"),
              instant(rs.getObject("started_at", LocalDateTime.class)),
              instant(rs.getObject("finished_at", LocalDateTime.class)));

  static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
