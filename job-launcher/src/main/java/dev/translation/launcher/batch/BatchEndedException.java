package dev.translation.launcher.batch;

/**
 * The shard's batch has ended (cancelled, or failed in another shard) before this attempt started:
 * it does nothing and exits as done, so no executor retries it.
 */
public class BatchEndedException extends RuntimeException {

  public BatchEndedException(String message) {
    super(message);
  }
}
