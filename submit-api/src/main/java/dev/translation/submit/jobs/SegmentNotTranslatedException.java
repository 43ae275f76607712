package dev.translation.submit.jobs;

import dev.translation.contracts.SegmentStatus;
import java.util.Locale;

/**
 * A correction of a segment that has no translation to correct (pending, failed, cancelled): 409.
 */
public class SegmentNotTranslatedException extends RuntimeException {

  private final String status;

  public SegmentNotTranslatedException(String jobId, int index, SegmentStatus status) {
    super(
        "segment "
            + index
            + " of job "
            + jobId
            + " is "
            + status.name().toLowerCase(Locale.ROOT)
            + (status == SegmentStatus.PENDING
                ? " (not translated yet)"
                : " (it has no translation)")
            + "; only a done segment's translation can be corrected");
    this.status = status.name().toLowerCase(Locale.ROOT);
  }

  /** The segment's status as the API writes it. */
  public String status() {
    return status;
  }
}
