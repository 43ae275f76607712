package dev.translation.contracts;

/**
 * Where one segment of a job stands. Stored by name in the {@code segments.status} column. Workers
 * write results only over non-{@link #DONE} rows, so a redelivered message never overwrites a
 * finished translation.
 */
public enum SegmentStatus {
  /** Waiting for a worker. */
  PENDING(false),
  /** Translated; the translation and the model version that produced it are stored. */
  DONE(true),
  /** Failed for good (invalid input, or retries exhausted and dead-lettered). */
  FAILED(true),
  /** The job was cancelled before this segment was translated. */
  CANCELLED(true);

  private final boolean terminal;

  SegmentStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the segment will never change state again. */
  public boolean isTerminal() {
    return terminal;
  }
}
