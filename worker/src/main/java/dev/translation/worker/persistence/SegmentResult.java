package dev.translation.worker.persistence;

/** What happened to one segment, keyed like its row: (job id, index). */
public sealed interface SegmentResult {

  String jobId();

  int index();

  /** Translated, by the model or from the translation memory. */
  record Done(String jobId, int index, String translation, String modelVersion)
      implements SegmentResult {}

  /** Failed for good, with a message a person can act on. */
  record Failed(String jobId, int index, String error) implements SegmentResult {}
}
