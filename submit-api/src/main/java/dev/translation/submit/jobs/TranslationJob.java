package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.submit.persistence.PlannedJob;
import dev.translation.submit.persistence.StoredJob;
import java.time.Instant;
import java.util.List;

/**
 * A translation job as its owner sees it: as stored, with the model versions its translated
 * segments came from.
 *
 * @param id the job id (a UUID)
 * @param status where it stands
 * @param lane the lane its messages travel on
 * @param source source language code
 * @param target target language code
 * @param modelHint the model the client asked for, or null
 * @param total segments in the job
 * @param totalTexts texts in the request (each text is one or more segments)
 * @param done segments translated
 * @param failed segments failed for good
 * @param cancelled segments cancelled before translation
 * @param modelVersions distinct model versions that produced its translations so far
 * @param createdAt when it was accepted
 * @param startedAt when the first segment finished, or null
 * @param finishedAt when it reached a terminal status, or null
 * @param document the file it was submitted as, or null for texts
 */
public record TranslationJob(
    String id,
    JobStatus status,
    Lane lane,
    String source,
    String target,
    String modelHint,
    int total,
    int totalTexts,
    int done,
    int failed,
    int cancelled,
    List<String> modelVersions,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    JobDocument document) {

  /** The stored job with its model versions. */
  static TranslationJob of(StoredJob job, List<String> modelVersions) {
    return new TranslationJob(
        job.id(),
        job.status(),
        job.lane(),
        job.source(),
        job.target(),
        job.modelHint(),
        job.total(),
        job.totalTexts(),
        job.done(),
        job.failed(),
        job.cancelled(),
        List.copyOf(modelVersions),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        JobDocument.of(job.document()));
  }

  /**
   * The job as it stands right after it was written: queued with nothing translated yet, or (with
   * nothing to translate) already succeeded.
   */
  static TranslationJob queued(PlannedJob job) {
    return queued(job, null);
  }

  /** A job submitted as a file, right after it was written. */
  static TranslationJob queued(PlannedJob job, JobDocument document) {
    boolean nothingToDo = job.segments().isEmpty();
    return new TranslationJob(
        job.id(),
        nothingToDo ? JobStatus.SUCCEEDED : JobStatus.QUEUED,
        job.lane(),
        job.source(),
        job.target(),
        job.modelHint(),
        job.segments().size(),
        job.totalTexts(),
        0,
        0,
        0,
        List.of(),
        job.acceptedAt(),
        null,
        nothingToDo ? job.acceptedAt() : null,
        document);
  }

  /** Segments not finished yet. */
  public int pending() {
    return total - done - failed - cancelled;
  }
}
