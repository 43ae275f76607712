package dev.translation.worker.persistence;

/**
 * How the worker finished one segment, keyed like its row: (job id, index). The worker writes
 * these; the submit API only ever reads the rows they produce.
 */
public sealed interface SegmentOutcome {

  String jobId();

  int index();

  /** Translated, by the model or from the translation memory. */
  record Done(String jobId, int index, String translation, String modelVersion)
      implements SegmentOutcome {}

  /** Failed for good, with a message a person can act on. */
  record Failed(String jobId, int index, String error) implements SegmentOutcome {}
}
