package dev.translation.contracts;

/**
 * Where a translation job stands. Stored by name in the {@code jobs.status} column, so renaming a
 * constant is a schema change.
 */
public enum JobStatus {
  /** Accepted and durable; no segment has been translated yet. */
  QUEUED(false),
  /** At least one segment is finished and at least one is still pending. */
  RUNNING(false),
  /** Every segment was translated. */
  SUCCEEDED(true),
  /** Every segment is finished, some translated and some failed. */
  PARTIALLY_FAILED(true),
  /** Every segment failed. */
  FAILED(true),
  /** Cancelled by its owner; segments that had been translated by then keep their result. */
  CANCELLED(true);

  private final boolean terminal;

  JobStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the job will never change state again (so pollers can stop and caches can keep it). */
  public boolean isTerminal() {
    return terminal;
  }

  /**
   * The terminal status of a job whose segments are all finished, from its counters. A job with no
   * failures succeeded, one with no successes failed, anything in between partially failed.
   *
   * @param done segments translated
   * @param failed segments that failed for good
   * @return the terminal status
   * @throws IllegalArgumentException when a counter is negative or both are zero
   */
  public static JobStatus completedWith(int done, int failed) {
    if (done < 0 || failed < 0) {
      throw new IllegalArgumentException(
          "segment counters must not be negative: done=" + done + ", failed=" + failed);
    }
    if (done == 0 && failed == 0) {
      throw new IllegalArgumentException("a completed job has at least one finished segment");
    }
    if (failed == 0) {
      return SUCCEEDED;
    }
    return done == 0 ? FAILED : PARTIALLY_FAILED;
  }
}
