package dev.translation.submit.jobs;

/** The caller's job has no segment with this index: 404. */
public class SegmentNotFoundException extends RuntimeException {

  public SegmentNotFoundException(String jobId, int index, int count) {
    super(
        "job "
            + jobId
            + " has no segment "
            + index
            + ": its segments are numbered 0 to "
            + (count - 1)
            + ", as GET /v1/jobs/"
            + jobId
            + "/result lists them");
  }
}
