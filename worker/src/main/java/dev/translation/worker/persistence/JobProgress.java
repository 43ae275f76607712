package dev.translation.worker.persistence;

import dev.translation.contracts.JobStatus;

/**
 * A job's counters as recounted from its segments, and the status they imply. Counting rows instead
 * of adding increments makes the recompute idempotent: redelivery cannot double count.
 *
 * @param total segments in the job
 * @param done translated
 * @param failed failed for good
 * @param cancelled cancelled before translation
 */
public record JobProgress(int total, int done, int failed, int cancelled) {

  /** Whether every segment is finished one way or another. */
  public boolean complete() {
    return done + failed + cancelled >= total;
  }

  /**
   * The status after a worker wrote results. A CANCELLED job stays CANCELLED (its owner's decision
   * wins over late results); a complete job gets its terminal status; anything else is RUNNING.
   */
  public JobStatus nextStatus(JobStatus current) {
    if (current == JobStatus.CANCELLED) {
      return JobStatus.CANCELLED;
    }
    if (!complete()) {
      return JobStatus.RUNNING;
    }
    if (done + failed == 0) {
      return JobStatus.CANCELLED;
    }
    return JobStatus.completedWith(done, failed);
  }
}
