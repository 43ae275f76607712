package dev.translation.launcher.launch;

import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import java.time.Duration;
import java.util.Objects;

/**
 * A run of the batch runner as an executor runs it: a corpus batch or a model job, how many shards
 * it has, how urgent it is, and how often its shards may fail before it fails.
 *
 * @param id the batch's (or model job's) id; its {@link RunnerKind} follows from it
 * @param shards processes that share the work (a model job has one)
 * @param priority how urgent it is
 * @param limits retry and time limits
 */
public record LaunchedBatch(String id, int shards, BatchPriority priority, RetryLimits limits) {

  public LaunchedBatch {
    Objects.requireNonNull(id, "id");
    if (shards < 1) {
      throw new IllegalArgumentException("a run has at least one shard");
    }
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(limits, "limits");
  }

  /** A corpus batch's run. */
  public static LaunchedBatch of(CorpusBatch batch, BatchPriority priority, RetryLimits limits) {
    return new LaunchedBatch(batch.id(), batch.shards(), priority, limits);
  }

  /** What the run does. */
  public RunnerKind kind() {
    return RunnerKind.of(id);
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
