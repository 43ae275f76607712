package dev.translation.launcher.corpus;

import java.util.Locale;

/**
 * Where a corpus batch stands. Stored by name in {@code corpus_batches.status}, so renaming a
 * constant is a schema change.
 */
public enum BatchState {
  /** Launched, no shard has started yet. */
  QUEUED(false),
  /** At least one shard is running or waiting for a retry. */
  RUNNING(false),
  /** Every shard finished and every segment was translated. */
  SUCCEEDED(true),
  /** Every shard finished; some segments (or lines) could not be translated. */
  PARTIALLY_FAILED(true),
  /** A shard failed for good (bad input, or out of retries); the reason says which and why. */
  FAILED(true),
  /** Cancelled by its owner. */
  CANCELLED(true);

  private final boolean terminal;

  BatchState(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the batch will never change state again. */
  public boolean isTerminal() {
    return terminal;
  }

  /** The name in the API. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
