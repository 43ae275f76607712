package dev.translation.launcher.persistence;

import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.BatchState;
import dev.translation.launcher.corpus.CorpusBatch;
import java.time.Instant;

/**
 * A batch as stored, with its bookkeeping.
 *
 * @param batch what it translates
 * @param priority how urgent it is
 * @param executor {@code LOCAL} or {@code KUBERNETES}
 * @param state where it stands
 * @param reason why it failed or was cancelled
 * @param summary its merged summary (JSON), once finished
 * @param createdAt when it was launched
 * @param startedAt when its first shard started
 * @param finishedAt when it finished
 */
public record StoredBatch(
    CorpusBatch batch,
    BatchPriority priority,
    String executor,
    BatchState state,
    String reason,
    String summary,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public String id() {
    return batch.id();
  }
}
