package dev.translation.cli;

import dev.translation.cli.api.Job;

/**
 * How far translation work has come, in segments: what {@link ProgressDisplay} shows, whether the
 * work is a submit API job or a corpus batch of the job launcher.
 *
 * @param total segments
 * @param done translated
 * @param failed failed for good
 * @param cancelled cancelled before translation
 */
public record SegmentProgress(long total, long done, long failed, long cancelled) {

  /** A job's counts. */
  static SegmentProgress of(Job.Counts counts) {
    return new SegmentProgress(counts.total(), counts.done(), counts.failed(), counts.cancelled());
  }

  /** Segments that will not change any more. */
  public long finished() {
    return done + failed + cancelled;
  }

  /** Segments still to do. */
  public long pending() {
    return Math.max(0, total - finished());
  }
}
