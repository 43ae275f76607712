package dev.translation.launcher.persistence;

/**
 * A shard job's counters.
 *
 * @param total segments in the job
 * @param done translated
 * @param failed failed for good
 * @param cancelled cancelled
 */
public record JobCounts(int total, int done, int failed, int cancelled) {

  /** Segments still waiting for a worker. */
  public int pending() {
    return total - done - failed - cancelled;
  }
}
