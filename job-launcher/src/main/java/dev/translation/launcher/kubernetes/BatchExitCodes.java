package dev.translation.launcher.kubernetes;

/**
 * How a batch runner's process ends, so that Kubernetes (and the local executor) know whether a
 * retry can help. The Job's pod failure policy fails the Job (or the shard) at once on {@link
 * #BAD_INPUT} instead of burning retries on input that will never read; {@link #TRANSIENT} failures
 * count against the Job's backoff limit and are retried; pods ended by a disruption (eviction,
 * preemption, node drain) are ignored and replaced without counting.
 */
public final class BatchExitCodes {

  /** The batch (or the shard) finished. */
  public static final int SUCCEEDED = 0;

  /**
   * The input cannot be translated: no such path or URL, an unreadable corpus, an unsupported or
   * malformed file. Retrying cannot help.
   */
  public static final int BAD_INPUT = 3;

  /** Something outside the input failed (database, Kafka, a URL that timed out): retry. */
  public static final int TRANSIENT = 4;

  private BatchExitCodes() {}
}
