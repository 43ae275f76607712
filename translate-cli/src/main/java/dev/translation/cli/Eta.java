package dev.translation.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Estimates when jobs will finish from how fast their segments have been finishing since they
 * started moving. Time spent queued before that does not count, or a job that waited a minute in
 * the queue would seem slow for the rest of its run.
 */
final class Eta {

  private Instant lastAt;
  private long lastFinished;
  private Instant startAt;
  private long startFinished;

  /**
   * Takes one observation.
   *
   * @param finished segments finished so far
   * @param pending segments still to do
   * @return the estimated time left, once segments have been seen to finish
   */
  Optional<Duration> observe(Instant now, long finished, long pending) {
    if (startAt == null && lastAt != null && finished > lastFinished) {
      // They started moving somewhere since the previous look: count from there.
      startAt = lastAt;
      startFinished = lastFinished;
    }
    lastAt = now;
    lastFinished = finished;
    if (startAt == null || pending == 0) {
      return Optional.empty();
    }
    long elapsedMillis = Duration.between(startAt, now).toMillis();
    long progress = finished - startFinished;
    if (elapsedMillis <= 0 || progress <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) ((double) elapsedMillis * pending / progress)));
  }

  /** {@code 42s}, {@code 4m05s}, {@code 2h07m}; rounded up, so that nothing shows {@code 0s}. */
  static String format(Duration duration) {
    long seconds = (duration.toMillis() + 999) / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    long minutes = (seconds + 59) / 60;
    return String.format("%dh%02dm", minutes / 60, minutes % 60);
  }
}
