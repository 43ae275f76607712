package dev.translation.launcher.launch;

/**
 * What an executor reports about the batches it runs. Every method may be called more than once for
 * the same outcome (an informer resyncs, a launcher restarts): implementations are idempotent.
 */
public interface ExecutionEvents {

  /**
   * An attempt of a shard ended without success and will be retried.
   *
   * @param exitCode the runner's exit code, or -1 when unknown (a pod that was deleted or evicted)
   */
  void attemptFailed(String batchId, int shard, int exitCode, String reason);

  /** A shard failed for good: bad input, or out of retries. */
  void shardFailed(String batchId, int shard, String reason);

  /**
   * The batch failed for good (a shard failed and no more may fail, the deadline passed, its Job
   * was deleted by someone else): nothing of it runs any more.
   */
  void batchFailed(String batchId, String reason);

  /** Everything the executor ran for the batch ended well (the runner has recorded its outputs). */
  void batchCompleted(String batchId);
}
