package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import java.time.Instant;
import java.util.List;

/**
 * A translation job as stored, with the model versions its translated segments came from.
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
 * @param requestHash SHA-256 of the canonical request, to check idempotent retries
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
    String requestHash) {

  /** The same job with its model versions. */
  public TranslationJob withModelVersions(List<String> versions) {
    return new TranslationJob(
        id,
        status,
        lane,
        source,
        target,
        modelHint,
        total,
        totalTexts,
        done,
        failed,
        cancelled,
        List.copyOf(versions),
        createdAt,
        startedAt,
        finishedAt,
        requestHash);
  }

  /** Segments not finished yet. */
  public int pending() {
    return total - done - failed - cancelled;
  }
}
