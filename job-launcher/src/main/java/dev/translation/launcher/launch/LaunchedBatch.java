package dev.translation.launcher.launch;

import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import java.time.Duration;
import java.util.Objects;

/**
 * A batch as an executor runs it: what it translates, how urgent it is, and how often its shards
 * may fail before the batch fails.
 *
 * @param batch the batch
 * @param priority how urgent it is
 * @param limits retry and time limits
 */
public record LaunchedBatch(CorpusBatch batch, BatchPriority priority, RetryLimits limits) {

  public LaunchedBatch {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(limits, "limits");
  }

  /** The batch's id. */
  public String id() {
    return batch.id();
  }

  /**
   * Kubernetes' Job semantics, which the local executor follows too. A shard that exits with the
   * bad-input code fails at once, without using a retry.
   *
   * @param backoffLimit failed attempts the whole batch may have (all shards together) before it
   *     fails
   * @param backoffLimitPerIndex failed attempts one shard may have before it fails (batches with
   *     more than one shard)
   * @param maxFailedIndexes shards that may fail before the whole batch fails
   * @param activeDeadline how long the batch may run in all
   */
  public record RetryLimits(
      int backoffLimit, int backoffLimitPerIndex, int maxFailedIndexes, Duration activeDeadline) {

    public RetryLimits {
      if (backoffLimit < 0 || backoffLimitPerIndex < 0 || maxFailedIndexes < 0) {
        throw new IllegalArgumentException("retry limits must not be negative");
      }
      Objects.requireNonNull(activeDeadline, "activeDeadline");
    }
  }
}
